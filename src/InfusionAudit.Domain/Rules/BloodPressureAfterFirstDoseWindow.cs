using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// The label's "blood pressure at about 40 minutes", defined once for <c>VITALS-BP-40MIN-MISSING</c> and the esketamine REMS
/// monitoring form: a plausible blood pressure dated from <c>vitals.bpAfterFirstDose.fromMin</c> to <c>toMin</c> (both
/// inclusive) after the first dose (first <c>DoseAdministered</c> or non-zero rate on the folded timeline).
/// </summary>
/// <param name="FirstDoseIndex">The first dose on the timeline.</param>
/// <param name="FromTicks">The window's first instant, UTC ticks.</param>
/// <param name="ToTicks">The window's last instant, UTC ticks.</param>
internal readonly record struct BloodPressureAfterFirstDoseWindow(int FirstDoseIndex, long FromTicks, long ToTicks)
{
    /// <summary>The window of a folded timeline, or null when the protocol asks for no such pressure or nothing was dosed yet.</summary>
    public static BloodPressureAfterFirstDoseWindow? Of(SessionTimeline timeline, ProtocolDefinition? protocol)
    {
        if (protocol is not { Vitals.BpAfterFirstDose: { } window } || timeline.FirstDoseOrRateIndex < 0)
        {
            return null;
        }

        var dosedAt = timeline.Entries[timeline.FirstDoseOrRateIndex].OccurredTicks;
        return new BloodPressureAfterFirstDoseWindow(timeline.FirstDoseOrRateIndex, dosedAt + window.Min.Ticks, dosedAt + window.Max.Ticks);
    }

    /// <summary>The first reading in the window at or after timeline position <paramref name="from"/>, or -1.</summary>
    public int NextReading(ReadOnlySpan<TimelineEntry> entries, int from, VitalsPlausibility plausible)
    {
        for (var i = Math.Max(from, FirstDoseIndex); i < entries.Length && entries[i].OccurredTicks <= ToTicks; i++)
        {
            if (entries[i].OccurredTicks >= FromTicks && entries[i].Event.Payload is VitalsRecordedPayload vitals
                && !double.IsNaN(VitalsReading.Of(vitals, plausible).SystolicMmHg))
            {
                return i;
            }
        }

        return -1;
    }
}
