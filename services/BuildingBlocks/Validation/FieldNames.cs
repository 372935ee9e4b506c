using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;

namespace Ticketing.BuildingBlocks.Validation;

/// <summary>
/// Fields named as the client spells them in JSON (camelCase, or a [JsonPropertyName]): the keys of a validation
/// problem's errors, and the name in FluentValidation's messages ('callerPhone' must not be empty), as the errors of
/// JSON reading name them.
/// </summary>
public static class FieldNames
{
    /// <summary>FluentValidation's messages name a member by its JSON name; its property paths stay as they are (tests name them so).</summary>
    public static void UseJsonNamesInMessages() =>
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonName(member);

    public static string JsonName(MemberInfo member) =>
        member.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(member.Name);

    /// <summary>FluentValidation's property path (<c>Items[0].Name</c>) as the client's JSON path (<c>items[0].name</c>).</summary>
    public static string JsonPath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
