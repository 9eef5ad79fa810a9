using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace InfusionAudit.Application;

/// <summary>One JSON style for stored state and HTTP answers: camelCase names, enums as camelCase strings.</summary>
public static class JsonDefaults
{
    /// <summary>Stored state and request bodies: full precision, every tick of every time kept.</summary>
    public static JsonSerializerOptions Options { get; } = Create(answers: false);

    /// <summary>
    /// HTTP answers (and the alert messages people read): as <see cref="Options"/>, but numbers rounded by the unit in
    /// their name and times in <see cref="ClinicalPrecision.TimeFormat"/> (<see cref="ClinicalPrecision"/>), and text
    /// escaped only where JSON requires it (quotes, backslash, control characters), so <c>+01:00</c> and <c>+12.5 %</c>
    /// are not written <c>\u002B</c>. That relaxed encoder is safe for a JSON body a client parses; it does not make
    /// the text safe to paste into HTML or a script element (&lt; and &amp; stay as they are), which nothing here does:
    /// answers are served as application/json, and a page that shows them must insert them as text, never as markup.
    /// </summary>
    public static JsonSerializerOptions Answers { get; } = Create(answers: true);

    /// <summary>
    /// Request bodies: as <see cref="Options"/>, but a field the request type does not have is an error, as an unknown
    /// query parameter is: a misspelt <c>reson</c> must not be dropped while the action goes ahead without it.
    /// </summary>
    public static JsonSerializerOptions Requests { get; } = CreateRequests();

    /// <summary>The field a strict read refused as unknown (<see cref="Requests"/>), or null for any other JSON error.</summary>
    public static string? UnknownField(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var match = System.Text.RegularExpressions.Regex.Match(exception.Message, "^The JSON property '(?<name>.*)' could not be mapped to any .NET member", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? match.Groups["name"].Value : null;
    }

    private static JsonSerializerOptions CreateRequests()
    {
        var options = new JsonSerializerOptions(Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static JsonSerializerOptions Create(bool answers)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        if (answers)
        {
            options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            options.Converters.Add(new AnswerTimeConverter());
            options.Converters.Add(new UnitValuesConverter());
            options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RoundByUnit } };
        }

        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Each number property is rounded by the unit its name ends with (<c>deliveredMgPerKg</c>: 0.01).</summary>
    private static void RoundByUnit(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.PropertyType == typeof(double))
            {
                property.CustomConverter = new RoundedNumberConverter(ClinicalPrecision.Decimals(property.Name));
            }
            else if (property.PropertyType == typeof(double?))
            {
                property.CustomConverter = new RoundedOptionalNumberConverter(ClinicalPrecision.Decimals(property.Name));
            }
        }
    }

    private sealed class AnswerTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(ClinicalPrecision.Time(value));
    }

    private sealed class RoundedNumberConverter(int decimals) : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(ClinicalPrecision.Round(value, decimals));
    }

    private sealed class RoundedOptionalNumberConverter(int decimals) : JsonConverter<double?>
    {
        public override bool HandleNull => true;

        public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
        {
            if (value is { } v)
            {
                writer.WriteNumberValue(ClinicalPrecision.Round(v, decimals));
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }

    /// <summary>Evidence values and other unit-named maps: each value rounded by its own key.</summary>
    private sealed class UnitValuesConverter : JsonConverter<IReadOnlyDictionary<string, double>>
    {
        public override IReadOnlyDictionary<string, double> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<Dictionary<string, double>>(ref reader, JsonDefaults.Options) ?? [];

        public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, double> value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var (name, number) in value)
            {
                writer.WriteNumber(name, ClinicalPrecision.Round(name, number));
            }

            writer.WriteEndObject();
        }
    }
}
