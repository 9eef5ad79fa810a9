using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary><c>VITALS-IMPLAUSIBLE</c>: a reading with a value outside <c>vitals.plausible</c> (or diastolic ≥ systolic); one per event.</summary>
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
                context.Report(
                    RuleIds.VitalsImplausible, Severity.Warning, context.Thresholds, entries[i].Event.EventId, i,
                    $"implausible reading kept but not judged: {what}");
            }
        }
    }
}
