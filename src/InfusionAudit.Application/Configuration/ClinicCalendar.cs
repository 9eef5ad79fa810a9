using System.Globalization;
using InfusionAudit.Application.Audit;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Application.Configuration;

/// <summary>
/// The clinical calendar: each clinic's day is a day of its own IANA time zone (<c>InfusionAudit:ClinicTimeZones:{clinicId}</c>,
/// else <c>InfusionAudit:DefaultTimeZone</c>, default <c>UTC</c>). Sessions, their findings and their rejected input are
/// filed under the local date a session started on, and a range of such dates is a window of instants, so every audit
/// route and the compliance report agree on what "the 8th" means, also on the day clocks change.
/// </summary>
public sealed class ClinicCalendar
{
    private readonly TimeZoneInfo fallback;
    private readonly Dictionary<string, TimeZoneInfo> zones;

    /// <exception cref="InvalidOperationException">A configured zone id is not a time zone this machine knows.</exception>
    public ClinicCalendar(IOptions<InfusionAuditOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        fallback = Find($"{InfusionAuditOptions.Section}:{nameof(InfusionAuditOptions.DefaultTimeZone)}", settings.DefaultTimeZone);
        zones = settings.ClinicTimeZones.ToDictionary(
            z => z.Key,
            z => Find($"{InfusionAuditOptions.Section}:{nameof(InfusionAuditOptions.ClinicTimeZones)}:{z.Key}", z.Value),
            StringComparer.Ordinal);
    }

    /// <summary>A calendar with every clinic in UTC (tools and tests that need no configuration).</summary>
    public static ClinicCalendar Utc { get; } = new(Options.Create(new InfusionAuditOptions()));

    /// <summary>The clinic's time zone.</summary>
    public TimeZoneInfo ZoneOf(string clinicId) => zones.GetValueOrDefault(clinicId) ?? fallback;

    /// <summary>The clinic's local date at <paramref name="instant"/>.</summary>
    public DateOnly DateOf(string clinicId, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, ZoneOf(clinicId)).DateTime);

    /// <summary>The instants of the clinic's local days [from, to]: from the first instant of <c>from</c> to the first of the day after <c>to</c>.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Window(string clinicId, DateRange range)
    {
        var zone = ZoneOf(clinicId);
        return (StartOf(zone, range.From), StartOf(zone, range.To.AddDays(1)));
    }

    /// <summary>
    /// The first instant of a local day. Where clocks skip midnight (the day then starts at the transition) the first
    /// valid local time is taken; where midnight occurs twice, the earlier one.
    /// </summary>
    private static DateTimeOffset StartOf(TimeZoneInfo zone, DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static TimeZoneInfo Find(string setting, string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new InvalidOperationException($"Setting {setting} is empty: give an IANA time zone id such as Europe/Berlin or UTC.");
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"Setting {setting} names the time zone '{id}', which this machine does not know: give an IANA time zone id such as America/New_York, Europe/Berlin or UTC."),
                ex);
        }
    }
}
