using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>DOSE-NOT-COMPUTABLE</c>: the delivered dose cannot be computed. Episode key = the cause, trigger = the first event that shows
/// it: <c>no-start</c> (a non-zero rate while no <c>SessionStarted</c> has arrived: no weight, concentration or prescription),
/// <c>no-concentration</c> (a non-zero rate in mL/h and a start without concentration), <c>implausible-clock</c> (a rate change,
/// pause, resume or end whose device time is not believed), <c>not-a-number</c> (any other rate or total that is not a finite
/// number). Critical while an infusion may run (no end yet, and the timeline shows a running rate or a rate whose time is not
/// believed), else warning.
/// </summary>
internal sealed class DoseNotComputableRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var timeline = context.Timeline;
        var (cause, trigger) = Cause(context);
        if (cause is null)
        {
            return;
        }

        var mayRun = timeline.EndIndex < 0 && (timeline.InfusingAfter[^1] || timeline.UntimedRates.Count > 0);
        var what = cause switch
        {
            "no-start" => "a rate runs but SessionStarted has not arrived (no weight, concentration or prescription)",
            "no-concentration" => "a rate in mL/h but the session gives no concentration",
            "implausible-clock" => "a rate change, pause, resume or end has a device time that is not believed (CLOCK-IMPLAUSIBLE)",
            _ => "a rate or total is not a finite number",
        };
        context.Report(
            RuleIds.DoseNotComputable, mayRun ? Severity.Critical : Severity.Warning, context.Thresholds, cause, trigger,
            $"delivered dose cannot be computed: {what}{(mayRun ? "; the infusion may still be running" : "")}");
    }

    private static (string? Cause, int Trigger) Cause(RuleContext context)
    {
        var timeline = context.Timeline;
        if (timeline.Start is null)
        {
            var entries = timeline.Entries;
            for (var i = 0; i < entries.Length; i++)
            {
                if (entries[i].Event.Payload is InfusionRateChangedPayload { Rate.IsStopped: false })
                {
                    return ("no-start", i);
                }
            }

            return (null, -1);
        }

        if (timeline.RateHistoryUntrusted)
        {
            return ("implausible-clock", timeline.FirstUntrustedRateIndex);
        }

        var first = -1;
        var noConcentration = false;
        foreach (var piece in timeline.Pieces)
        {
            if (!double.IsFinite(piece.MgPerHour) && (first < 0 || piece.RateEventIndex < first))
            {
                first = piece.RateEventIndex;
                noConcentration = piece.Rate.VolumeRate is not null && timeline.ConcentrationMgPerMl is null;
            }
        }

        if (first >= 0)
        {
            return (noConcentration ? "no-concentration" : "not-a-number", first);
        }

        return double.IsFinite(timeline.InfusedMg) && double.IsFinite(timeline.DiscreteMg) ? (null, -1) : ("not-a-number", timeline.Entries.Length - 1);
    }
}
