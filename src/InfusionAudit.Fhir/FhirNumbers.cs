using System.Globalization;
using System.Text.Json;

namespace InfusionAudit.Fhir;

/// <summary>
/// Numbers as FHIR decimals, exactly as stored: a device's number from the JSON text it sent, a computed one from the
/// shortest text that reads back as the same double. FHIR decimals are .NET decimals here (±7.9e28, 28 digits); a
/// number outside them is reported as not representable, never rounded into range.
/// </summary>
internal static class FhirNumbers
{
    public static decimal? FromJson(JsonElement number) =>
        number.ValueKind == JsonValueKind.Number ? Parse(number.GetRawText()) : null;

    public static decimal? FromDouble(double value) =>
        double.IsFinite(value) ? Parse(value.ToString("R", CultureInfo.InvariantCulture)) : null;

    private static decimal? Parse(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
