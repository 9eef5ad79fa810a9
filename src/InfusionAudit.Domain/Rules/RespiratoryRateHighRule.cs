using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>VITALS-RR-HIGH</c> (catalogue v2, NEWS2, live): respiratory rate at least <c>vitals.rrHighAtLeastPerMin</c> (25); consecutive
/// readings are one warning keyed by the first.
/// </summary>
internal sealed class RespiratoryRateHighRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var thresholds = context.Thresholds.Vitals;
        var entries = context.Timeline.Entries;
        var inHigh = false;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Event.Payload is not VitalsRecordedPayload vitals)
            {
                continue;
            }

            var rr = VitalsReading.Of(vitals, thresholds.Plausible).RespiratoryRatePerMin;
            if (double.IsNaN(rr))
            {
                continue;
            }

            var high = rr >= thresholds.RrHighAtLeastPerMin;
            if (high && !inHigh)
            {
                context.Report(
                    RuleIds.VitalsRrHigh, Severity.Warning, context.Thresholds, entries[i].Event.EventId, i,
                    RespiratoryRateRule.Evidence(rr, thresholds.RrHighAtLeastPerMin), ("respiratoryRatePerMin", rr));
            }

            inHigh = high;
        }
    }
}
