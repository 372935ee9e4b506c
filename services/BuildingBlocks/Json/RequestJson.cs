using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace Ticketing.BuildingBlocks.Json;

/// <summary>
/// The one JSON contract of every service's API: a property the contract requires is required (a missing
/// one is a 400 naming it, never a default), a null where the contract has none is refused, enums are read
/// by name only, text arrives normalised, and unknown properties are ignored.
/// </summary>
public static class RequestJson
{
    public static void Apply(JsonOptions options) => Apply(options.SerializerOptions);

    public static void Apply(JsonSerializerOptions options)
    {
        options.RespectRequiredConstructorParameters = true;
        options.RespectNullableAnnotations = true;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        options.NumberHandling = JsonNumberHandling.Strict; // "12" is not a number
        options.Converters.Add(new EnumByNameConverterFactory());
        options.Converters.Add(new CleanTextConverter());
    }
}
