using System.Globalization;
using System.Text;
using System.Text.Json;

namespace InfusionAudit.Domain.Contract;

/// <summary>
/// Typed reads of one field with the contract's checks, in a fixed order (presence, JSON type, then range), returning
/// the first violation instead of throwing. Null counts as absent: required when required, ignored when optional.
/// </summary>
internal static class FieldReader
{
    /// <summary>The first non-null violation; every argument is evaluated, which keeps each field's out value assigned.</summary>
    public static Violation? First(params ReadOnlySpan<Violation?> violations)
    {
        foreach (var violation in violations)
        {
            if (violation is not null)
            {
                return violation;
            }
        }

        return null;
    }

    public static bool IsAbsent(JsonElement element) => element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    public static Violation Missing(string field) =>
        new(field, ContractRule.Required, $"{field} is required (null counts as missing).");

    public static Violation WrongType(string field, string expected, JsonElement found) =>
        new(field, ContractRule.Type, $"{field} must be {expected}; found {Describe(found.ValueKind)}.");

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>An identifier: 1–64 characters from <c>[A-Za-z0-9._:-]</c>.</summary>
    public static Violation? Id(JsonElement element, string field, out string value)
    {
        value = string.Empty;
        if (IsAbsent(element))
        {
            return Missing(field);
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return WrongType(field, "a string", element);
        }

        if (!JsonStrings.TryGetUtf8(element, out var utf8))
        {
            return BadIdCharacter(field);
        }

        var length = 0;
        var allAllowed = true;
        foreach (var b in utf8)
        {
            // Counting lead bytes only counts code points, like JSON Schema's maxLength.
            if ((b & 0xC0) != 0x80)
            {
                length++;
            }

            allAllowed &= ContractId.IsAllowed(b);
        }

        if (length is 0 or > ContractId.MaxLength)
        {
            return new Violation(field, ContractRule.Length, $"{field} must be 1 to {ContractId.MaxLength} characters long; found {length}.");
        }

        if (!allAllowed)
        {
            return BadIdCharacter(field);
        }

        value = Encoding.ASCII.GetString(utf8);
        return null;
    }

    /// <summary>A required string of <paramref name="minLength"/> to <paramref name="maxLength"/> code points.</summary>
    public static Violation? RequiredString(JsonElement element, string field, int minLength, int maxLength, out string value)
    {
        value = string.Empty;
        if (IsAbsent(element))
        {
            return Missing(field);
        }

        var violation = String(element, field, minLength, maxLength, out var text);
        if (violation is null)
        {
            value = text!;
        }

        return violation;
    }

    /// <summary>An optional string of at most <paramref name="maxLength"/> code points.</summary>
    public static Violation? OptionalString(JsonElement element, string field, int maxLength, out string? value)
    {
        value = null;
        return IsAbsent(element) ? null : String(element, field, 0, maxLength, out value);
    }

    /// <summary>One of an enum's contract spellings.</summary>
    public static Violation? Enum<TEnum>(JsonElement element, string field, EnumNames<TEnum> names, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        if (IsAbsent(element))
        {
            return Missing(field);
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return WrongType(field, "a string", element);
        }

        if (JsonStrings.TryGetUtf8(element, out var utf8) && names.TryMatch(utf8, out value))
        {
            return null;
        }

        return new Violation(field, ContractRule.Enum, $"{field} must be one of {names.Expectation} (case-sensitive).");
    }

    /// <summary>A required JSON boolean (contract 1.1).</summary>
    public static Violation? RequiredBoolean(JsonElement element, string field, out bool value)
    {
        value = false;
        if (IsAbsent(element))
        {
            return Missing(field);
        }

        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return WrongType(field, "a boolean", element);
        }

        value = element.ValueKind == JsonValueKind.True;
        return null;
    }

    /// <summary>An optional RFC 3339 timestamp with an offset, as <c>occurredAt</c> (contract 1.1).</summary>
    public static Violation? OptionalTimestamp(JsonElement element, string field, out DateTimeOffset? value)
    {
        value = null;
        if (IsAbsent(element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return WrongType(field, "a string", element);
        }

        if (JsonStrings.TryGetUtf8(element, out var utf8) && Rfc3339Timestamp.TryParse(utf8, out var parsed))
        {
            value = parsed;
            return null;
        }

        return new Violation(
            field,
            ContractRule.Format,
            $"{field} must be an RFC 3339 timestamp with an explicit offset, e.g. 2026-11-26T15:04:05Z (offset within ±14:00, no leap second).");
    }

    /// <summary>
    /// An optional array of at most <paramref name="maxItems"/> ids (each as <see cref="Id"/>); absent is empty. A
    /// wrong element is reported on the array's field (contract 1.1).
    /// </summary>
    public static Violation? OptionalIdArray(JsonElement element, string field, int maxItems, out IReadOnlyList<string> value)
    {
        value = [];
        var violation = ArrayShape(element, field, maxItems);
        if (violation is not null || IsAbsent(element))
        {
            return violation;
        }

        var items = new List<string>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            violation = Id(item, field, out var id);
            if (violation is not null)
            {
                return violation;
            }

            items.Add(id);
        }

        value = items;
        return null;
    }

    /// <summary>An optional array of at most <paramref name="maxItems"/> enum spellings; absent is empty (contract 1.1).</summary>
    public static Violation? OptionalEnumArray<TEnum>(JsonElement element, string field, EnumNames<TEnum> names, int maxItems, out IReadOnlyList<TEnum> value)
        where TEnum : struct, Enum
    {
        value = [];
        var violation = ArrayShape(element, field, maxItems);
        if (violation is not null || IsAbsent(element))
        {
            return violation;
        }

        var items = new List<TEnum>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            violation = Enum(item, field, names, out var one);
            if (violation is not null)
            {
                return violation;
            }

            items.Add(one);
        }

        value = items;
        return null;
    }

    private static Violation? ArrayShape(JsonElement element, string field, int maxItems)
    {
        if (IsAbsent(element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return WrongType(field, "an array", element);
        }

        var count = element.GetArrayLength();
        return count > maxItems
            ? new Violation(field, ContractRule.Length, string.Create(CultureInfo.InvariantCulture, $"{field} must hold at most {maxItems} items; found {count}."))
            : null;
    }

    public static Violation? RequiredNumber(JsonElement element, string field, NumberRule rule, out double value)
    {
        value = 0;
        return IsAbsent(element) ? Missing(field) : Number(element, field, rule, out value);
    }

    public static Violation? OptionalNumber(JsonElement element, string field, NumberRule rule, out double? value)
    {
        value = null;
        if (IsAbsent(element))
        {
            return null;
        }

        var violation = Number(element, field, rule, out var number);
        if (violation is null)
        {
            value = number;
        }

        return violation;
    }

    public static Violation? RequiredInteger(JsonElement element, string field, IntegerRule rule, out long value)
    {
        value = 0;
        return IsAbsent(element) ? Missing(field) : Integer(element, field, rule, out value);
    }

    public static Violation? OptionalInteger(JsonElement element, string field, IntegerRule rule, out long? value)
    {
        value = null;
        if (IsAbsent(element))
        {
            return null;
        }

        var violation = Integer(element, field, rule, out var number);
        if (violation is null)
        {
            value = number;
        }

        return violation;
    }

    /// <summary>True for a JSON number with no fractional part (<c>1</c>, <c>1.0</c>, <c>1e2</c>), as JSON Schema's "integer".</summary>
    public static bool IsIntegral(JsonElement number, out long value, out int signWhenOutOfRange)
    {
        signWhenOutOfRange = 0;
        if (number.TryGetInt64(out value))
        {
            return true;
        }

        var asDouble = ToDouble(number);
        if (double.IsFinite(asDouble) && asDouble != Math.Floor(asDouble))
        {
            return false;
        }

        // decimal keeps 28 digits, so it tells 9007199254740993.5 (a fraction) from its double neighbour.
        if (number.TryGetDecimal(out var exact))
        {
            if (exact != decimal.Truncate(exact))
            {
                return false;
            }

            if (exact is >= long.MinValue and <= long.MaxValue)
            {
                value = (long)exact;
                return true;
            }
        }

        signWhenOutOfRange = asDouble < 0 ? -1 : 1;
        return true;
    }

    private static Violation? Number(JsonElement element, string field, NumberRule rule, out double value)
    {
        value = 0;
        if (element.ValueKind != JsonValueKind.Number)
        {
            return WrongType(field, "a number", element);
        }

        var number = ToDouble(element);
        if (rule.MinimumIsExclusive ? !(number > rule.Minimum) : number < rule.Minimum)
        {
            return rule == NumberRule.Finite
                ? NotFinite(field)
                : new Violation(
                    field,
                    rule.MinimumIsExclusive ? ContractRule.ExclusiveMinimum : ContractRule.Minimum,
                    string.Create(CultureInfo.InvariantCulture, $"{field} must be {(rule.MinimumIsExclusive ? "greater than" : "at least")} {rule.Minimum:R}."));
        }

        if (number < rule.Floor)
        {
            return new Violation(
                field,
                ContractRule.Minimum,
                string.Create(CultureInfo.InvariantCulture, $"{field} must be at least {rule.Floor:R}: other figures are divided by it, and a smaller value is not physical and would make them overflow."));
        }

        if (number > rule.Maximum)
        {
            return rule == NumberRule.Finite
                ? NotFinite(field)
                : new Violation(field, ContractRule.Maximum, string.Create(CultureInfo.InvariantCulture, $"{field} must be at most {rule.Maximum:R}."));
        }

        // Adding zero turns -0 into 0, so "-0" never shows up in stored values or findings.
        value = number + 0.0;
        return null;
    }

    private static Violation NotFinite(string field) =>
        new(field, ContractRule.Maximum, $"{field} must be a finite number (magnitude at most {double.MaxValue.ToString("R", CultureInfo.InvariantCulture)}).");

    private static Violation? Integer(JsonElement element, string field, IntegerRule rule, out long value)
    {
        value = 0;
        if (element.ValueKind != JsonValueKind.Number)
        {
            return WrongType(field, "an integer", element);
        }

        if (!IsIntegral(element, out value, out var outOfRange))
        {
            return new Violation(field, ContractRule.Type, $"{field} must be an integer; found a number with a fractional part.");
        }

        if (outOfRange < 0 || (outOfRange == 0 && value < rule.Minimum))
        {
            return new Violation(field, ContractRule.Minimum, string.Create(CultureInfo.InvariantCulture, $"{field} must be at least {rule.Minimum}."));
        }

        if (outOfRange > 0 || value > rule.Maximum)
        {
            return new Violation(field, ContractRule.Maximum, string.Create(CultureInfo.InvariantCulture, $"{field} must be at most {rule.Maximum}."));
        }

        return null;
    }

    private static double ToDouble(JsonElement number)
    {
        // .NET parses out-of-range literals (1e400) to ±Infinity; the fallback only guards against a runtime that refuses.
        if (number.TryGetDouble(out var value))
        {
            return value;
        }

        return number.GetRawText().StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
    }

    private static Violation? String(JsonElement element, string field, int minLength, int maxLength, out string? value)
    {
        value = null;
        if (element.ValueKind != JsonValueKind.String)
        {
            return WrongType(field, "a string", element);
        }

        if (!JsonStrings.TryGetString(element, out var text))
        {
            return new Violation(field, ContractRule.StringEncoding, $"{field} must be Unicode text; it holds an unpaired surrogate escape.");
        }

        // UTF-16 length bounds the code point count from above, so the exact count is only needed for long strings.
        var length = text.Length > maxLength ? JsonStrings.CodePointCount(text) : text.Length;
        if (length < minLength || length > maxLength)
        {
            return new Violation(
                field,
                ContractRule.Length,
                string.Create(CultureInfo.InvariantCulture, $"{field} must be {(minLength > 0 ? $"{minLength} to {maxLength}" : $"at most {maxLength}")} characters long; found {length}."));
        }

        value = text;
        return null;
    }

    private static Violation BadIdCharacter(string field) =>
        new(field, ContractRule.Pattern, $"{field} may only contain the characters A-Z a-z 0-9 . _ : - (1 to 64 of them).");
}
