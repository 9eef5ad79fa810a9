using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>VITALS-IMPLAUSIBLE</c>: a reading with a value outside <c>vitals.plausible</c> (or diastolic ≥ systolic); one per event. Its
/// evidence says when a heart rate or SpO2 below the floor has a partner below the floor within
/// <c>vitals.belowFloorConfirmWithinMin</c> (either side): such pairs are judged by the other vitals rules (catalogue v2).
/// </summary>
internal sealed class VitalsImplausibleRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var plausible = context.Thresholds.Vitals.Plausible;
        var entries = context.Timeline.Entries;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Event.Payload is VitalsRecordedPayload vitals && VitalsReading.Of(vitals, plausible).Implausible is { } what)
            {
                var within = context.Thresholds.Vitals.BelowFloorConfirmWithin;
                var confirmed =
                    VitalsReading.ConfirmedBelowFloor(entries, i, static v => v.Spo2Percent, plausible.Spo2Percent.Min, within.Ticks, lookAhead: true)
                    || VitalsReading.ConfirmedBelowFloor(entries, i, static v => v.HeartRateBpm, plausible.HeartRateBpm.Min, within.Ticks, lookAhead: true);
                context.Report(
                    RuleIds.VitalsImplausible, Severity.Warning, context.Thresholds, entries[i].Event.EventId, i,
                    confirmed
                        ? $"implausible reading kept: {what}; below the physiological floor twice within {Text.Duration(within)}: judged as real"
                        : $"implausible reading kept but not judged: {what}");
            }
        }
    }
}
