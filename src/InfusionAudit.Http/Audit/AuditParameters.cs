using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using InfusionAudit.Application.Audit;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http.Audit;

/// <summary>
/// Reads and validates the query string of an audit route. Unknown or repeated parameters are refused, every value is
/// checked against its syntax before it reaches storage, and the first problem becomes an RFC 9457 answer naming the
/// parameter. Reading goes on after a problem (returning defaults) so endpoints can read everything, then check once.
/// </summary>
public sealed class AuditParameters
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
    public const string ContinuationTokenName = "continuationToken";
    public const string PageSizeName = "pageSize";
    public const string FormatName = "format";

    private readonly IQueryCollection query;

    public AuditParameters(HttpRequest request, params string[] allowed)
    {
        query = request.Query;
        foreach (var (name, values) in query)
        {
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                Fail(Printable(name), allowed.Length == 0 ? "This route takes no query parameters." : $"Unknown parameter. This route takes: {string.Join(", ", allowed)}.");
            }
            else if (values.Count > 1)
            {
                Fail(name, "Give this parameter once.");
            }
        }
    }

    /// <summary>The first problem found, or null when every parameter read so far is valid.</summary>
    public IResult? Problem { get; private set; }

    /// <summary>A route value in the contract's id syntax.</summary>
    public string RouteId(string name, string value)
    {
        if (!ContractId.IsValid(value))
        {
            Fail(name, "An id is 1–64 characters: letters, digits, '.', '_', ':' or '-'.");
        }

        return value;
    }

    /// <summary>An optional id in the contract's syntax.</summary>
    public string? Id(string name)
    {
        var text = Text(name);
        if (text is not null && !ContractId.IsValid(text))
        {
            Fail(name, "An id is 1–64 characters: letters, digits, '.', '_', ':' or '-'.");
            return null;
        }

        return text;
    }

    /// <summary>A required calendar date, <c>YYYY-MM-DD</c>.</summary>
    public DateOnly Date(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            Fail(name, "Required: a date as YYYY-MM-DD (UTC).");
            return default;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Fail(name, "A date is YYYY-MM-DD (UTC), e.g. 2026-03-01.");
            return default;
        }

        return date;
    }

    /// <summary>Required <c>from</c> and <c>to</c>, from ≤ to, at most <see cref="DateRange.MaxDays"/> days.</summary>
    public DateRange Range()
    {
        var from = Date("from");
        var to = Date("to");
        if (Problem is not null)
        {
            return default;
        }

        var range = new DateRange(from, to);
        if (to < from)
        {
            Fail("to", "'to' is before 'from'.");
        }
        else if (range.Days > DateRange.MaxDays)
        {
            Fail("to", $"A range covers at most {DateRange.MaxDays} days.");
        }

        return range;
    }

    /// <summary>The receive-time filter's parameter names: an instant with its offset, from inclusive, to exclusive.</summary>
    public const string ReceivedFromName = "receivedFrom";
    public const string ReceivedToName = "receivedTo";

    /// <summary>
    /// Optional <c>receivedFrom</c> (inclusive) and <c>receivedTo</c> (exclusive): instants in RFC 3339 with an offset,
    /// the second filter beside the clinical dates; either may be left out.
    /// </summary>
    public (DateTimeOffset? From, DateTimeOffset? To) ReceivedWindow()
    {
        var from = Instant(ReceivedFromName);
        var to = Instant(ReceivedToName);
        if (from is { } f && to is { } t && t <= f)
        {
            Fail(ReceivedToName, $"'{ReceivedToName}' must be after '{ReceivedFromName}'.");
        }

        return (from, to);
    }

    /// <summary>An optional instant, RFC 3339 with an explicit offset (<c>2026-03-01T00:00:00Z</c>, <c>…+01:00</c>).</summary>
    public DateTimeOffset? Instant(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        // An offset is required: a time without one would be read in this server's zone, which no caller can know.
        if (!InstantSyntax.IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            Fail(name, "A time with its offset (RFC 3339), e.g. 2026-03-01T00:00:00Z or 2026-03-01T00:00:00-05:00.");
            return null;
        }

        return instant;
    }

    /// <summary>An optional value from a closed set; the matching set member is returned (names compare case-sensitively).</summary>
    public T? Choice<T>(string name, IReadOnlyDictionary<string, T> allowed)
        where T : struct =>
        TryChoice(name, allowed, out var value) ? value : null;

    /// <summary>An optional name from a closed set, mapped to its stored spelling (names compare case-sensitively).</summary>
    public string? ChoiceText(string name, IReadOnlyDictionary<string, string> allowed) =>
        TryChoice(name, allowed, out var value) ? value : null;

    /// <summary>An optional value that must be one of <paramref name="allowed"/> (exact spelling).</summary>
    public string? OneOf(string name, IReadOnlyCollection<string> allowed, string description)
    {
        var text = Text(name);
        if (text is not null && !allowed.Contains(text, StringComparer.Ordinal))
        {
            Fail(name, description);
            return null;
        }

        return text;
    }

    /// <summary>An optional <c>true</c>/<c>false</c>.</summary>
    public bool Flag(string name)
    {
        var text = Text(name);
        switch (text)
        {
            case null or "false":
                return false;
            case "true":
                return true;
            default:
                Fail(name, "true or false.");
                return false;
        }
    }

    /// <summary><c>pageSize</c>: 1–1000, default 100.</summary>
    public int PageSize()
    {
        var text = Text(PageSizeName);
        if (text is null)
        {
            return DefaultPageSize;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > MaxPageSize)
        {
            Fail(PageSizeName, $"A whole number from 1 to {MaxPageSize}.");
            return DefaultPageSize;
        }

        return size;
    }

    /// <summary>An optional whole number from <paramref name="min"/> to <paramref name="max"/>; <paramref name="absent"/> when not given.</summary>
    public long Whole(string name, long min, long max, long absent)
    {
        var text = Text(name);
        if (text is null)
        {
            return absent;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Fail(name, $"A whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
            return absent;
        }

        return value;
    }

    /// <summary>The raw continuation token (checked against the query by <see cref="PageTokenCodec"/>).</summary>
    public string? ContinuationToken() => Text(ContinuationTokenName);

    /// <summary>The value as given, or null when absent; an empty value counts as a problem, not as absent.</summary>
    public string? Text(string name)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        var text = values[0];
        if (string.IsNullOrEmpty(text))
        {
            Fail(name, "Empty value; leave the parameter out instead.");
            return null;
        }

        return text;
    }

    /// <summary>Records a problem found by the caller (e.g. a continuation token for another query).</summary>
    public void Fail(string name, string detail) => Problem ??= Problems.InvalidParameter(name, detail);

    private bool TryChoice<T>(string name, IReadOnlyDictionary<string, T> allowed, [MaybeNullWhen(false)] out T value)
    {
        value = default;
        var text = Text(name);
        if (text is null)
        {
            return false;
        }

        if (!allowed.TryGetValue(text, out value))
        {
            Fail(name, $"One of: {string.Join(", ", allowed.Keys)}.");
            return false;
        }

        return true;
    }

    private static readonly System.Text.RegularExpressions.Regex InstantSyntax = new(
        @"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,7})?)?(Z|[+-]\d\d:\d\d)$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant,
        TimeSpan.FromMilliseconds(100));

    // A hostile parameter name is echoed back in the problem: keep it short and printable.
    private static string Printable(string name) =>
        new([.. name.Where(c => !char.IsControl(c)).Take(64)]);
}
