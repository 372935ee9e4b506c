using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ticketing.BuildingBlocks.Json;

/// <summary>
/// Enums travel by name and only by name: <c>"Urgent"</c> (any case) is read; <c>1</c>, <c>"1"</c>,
/// <c>"Normal, Urgent"</c> and <c>" Urgent"</c> are refused, so no client can slip in a value nobody named.
/// </summary>
public sealed class EnumByNameConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(EnumByName<>).MakeGenericType(typeToConvert))!;

    private sealed class EnumByName<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        private static readonly Dictionary<string, TEnum> ByName =
            Enum.GetValues<TEnum>().ToDictionary(v => v.ToString(), StringComparer.OrdinalIgnoreCase);

        private static readonly string Choices = string.Join(", ", Enum.GetNames<TEnum>());

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } name && ByName.TryGetValue(name, out var value))
                return value;
            throw new JsonException($"Expected one of: {Choices}.");
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
