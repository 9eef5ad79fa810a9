using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>AE-ASPIRATION-RISK</c> (catalogue v2, critical, live): an <c>AdverseEffectObserved</c> vomiting at most
/// <c>aspirationRiskWithinMin</c> (30, inclusive) before or after a sedation or loss of consciousness (any severity). One finding
/// per vomiting event, keyed by its id; the trigger is the first event on the timeline that completes the pair (the vomiting
/// itself when sedation came first).
/// </summary>
internal sealed class AspirationRiskRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var entries = context.Timeline.Entries;
        var within = context.Thresholds.AspirationRiskWithin.Ticks;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Event.Payload is not AdverseEffectObservedPayload { Effect: AdverseEffect.Vomiting })
            {
                continue;
            }

            var at = entries[i].OccurredTicks;
            var trigger = -1;
            for (var j = 0; j < entries.Length; j++)
            {
                if (entries[j].Event.Payload is AdverseEffectObservedPayload { Effect: AdverseEffect.Sedation or AdverseEffect.LossOfConsciousness }
                    && Math.Abs(entries[j].OccurredTicks - at) <= within)
                {
                    trigger = Math.Max(i, j);
                    break;
                }
            }

            if (trigger >= 0)
            {
                var partner = trigger == i ? "sedation or loss of consciousness before it" : "sedation or loss of consciousness after it";
                context.Report(
                    RuleIds.AeAspirationRisk, Severity.Critical, context.Thresholds, entries[i].Event.EventId, trigger,
                    $"vomiting with {partner} within {Text.Duration(within)}: aspiration risk",
                    ("withinMin", Text.Minutes(within)));
            }
        }
    }
}
