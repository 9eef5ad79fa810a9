using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary><c>VITALS-RR-CRITICAL</c> (live): respiratory rate below <c>rrCriticalBelowPerMin</c>; consecutive readings are one episode keyed by the first.</summary>
internal sealed class RespiratoryRateRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var thresholds = context.Thresholds.Vitals;
        var entries = context.Timeline.Entries;
        var inCritical = false;
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

            var critical = rr < thresholds.RrCriticalBelowPerMin;
            if (critical && !inCritical)
            {
                context.Report(
                    RuleIds.VitalsRrCritical, Severity.Critical, context.Thresholds, entries[i].Event.EventId, i,
                    Evidence(rr, thresholds.RrCriticalBelowPerMin), ("respiratoryRatePerMin", rr));
            }

            inCritical = critical;
        }
    }

    /// <summary><c>respiratory rate 7 /min (limit 8 /min)</c>, the reading at enough decimals to tell it from the limit.</summary>
    public static string Evidence(double rr, double limit)
    {
        var (shown, limitText) = Text.Compared(rr, limit, ShownPrecision.Vital);
        return $"respiratory rate {shown} /min (limit {limitText} /min)";
    }
}
