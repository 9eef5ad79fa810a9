using System.Text.Json;
using System.Text.Json.Serialization;

namespace InfusionAudit.Infrastructure.Storage.Alerts;

/// <summary>How alert records are stored as JSON: camelCase, enums as strings, so a row reads like the API answer.</summary>
internal static class AlertJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException($"Stored {typeof(T).Name} is empty.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
