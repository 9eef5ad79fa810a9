using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>DOSE-NOT-COMPUTABLE</c>: the delivered dose cannot be computed. Episode key = the cause, trigger = the first event that shows
/// it: <c>no-start</c> (a non-zero rate while no <c>SessionStarted</c> has arrived: no weight, concentration or prescription;
/// a timer finding, see <see cref="JudgeNoStart"/>),
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
        var mayRun = timeline.EndIndex < 0 && (timeline.InfusingAfter[^1] || timeline.UntimedRates.Count > 0);
        JudgeNoStart(context, mayRun);
        var (cause, trigger) = Cause(context);
        if (cause is null)
        {
            return;
        }

        var what = cause switch
        {
            "no-concentration" => "a rate in mL/h but the session gives no concentration",
            "implausible-clock" => "a rate change, pause, resume or end has a device time that is not believed (CLOCK-IMPLAUSIBLE)",
            _ => "a rate or total is not a finite number",
        };
        var severity = mayRun ? Severity.Critical : Severity.Warning;
        var evidence = $"delivered dose cannot be computed: {what}{(mayRun ? "; the infusion may still be running" : "")}";
        if (cause == "implausible-clock" && timeline.ClockVerdicts[trigger] == ClockVerdict.DeviceOffset)
        {
            // The clock verdict compares devices across the stream: any missing event may change it, not only earlier
            // ones, and so may the device's fresher events that no gap announces.
            context.ReportOnWholeStream(
                RuleIds.DoseNotComputable, severity, context.Thresholds, cause, trigger, evidence + "; judged on the devices' clock offsets so far",
                (Finding.ClockOffsetJudgedKey, 1));
        }
        else if (cause == "implausible-clock")
        {
            context.ReportOnWholeStream(RuleIds.DoseNotComputable, severity, context.Thresholds, cause, trigger, evidence);
        }
        else
        {
            context.Report(RuleIds.DoseNotComputable, severity, context.Thresholds, cause, trigger, evidence);
        }
    }

    /// <summary>
    /// <c>no-start</c>: a non-zero rate was received and no <c>SessionStarted</c> by the later of that receipt and the session's
    /// first receipt + <c>timing.noStartAboveMin</c>. The grace is that of <c>SESSION-NO-START</c>: events may arrive before the
    /// start (the contract allows any order) and a start seconds behind its pump must not page anyone. Judged on receive times,
    /// against <c>asOf</c> while the start is missing and against its receipt once it came, so a late start leaves the finding.
    /// </summary>
    private static void JudgeNoStart(RuleContext context, bool mayRun)
    {
        var timeline = context.Timeline;
        var entries = timeline.Entries;
        var startReceived = timeline.StartIndex >= 0 ? entries[timeline.StartIndex].ReceivedTicks : long.MaxValue;
        var firstRate = long.MaxValue;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Event.Payload is InfusionRateChangedPayload { Rate.IsStopped: false } && entries[i].ReceivedTicks < startReceived)
            {
                firstRate = Math.Min(firstRate, entries[i].ReceivedTicks);
            }
        }

        if (firstRate == long.MaxValue)
        {
            return;
        }

        var limit = context.Thresholds.Timing.NoStartAbove;
        var due = Math.Max(firstRate, timeline.FirstReceivedTicks + limit.Ticks);
        var late = timeline.StartIndex >= 0 ? startReceived > due : context.AsOf.UtcTicks > due;
        if (!late)
        {
            return;
        }

        var severity = timeline.Start is null && mayRun ? Severity.Critical : Severity.Warning;
        context.ReportTimer(
            RuleIds.DoseNotComputable, severity, context.Thresholds, "no-start", Text.Instant(due),
            $"delivered dose cannot be computed: a rate runs but SessionStarted had not arrived {Text.Duration(limit)} after the session's first event (no weight, concentration or prescription){(severity == Severity.Critical ? "; the infusion may still be running" : "")}",
            ("limitMin", limit.TotalMinutes));
    }

    private static (string? Cause, int Trigger) Cause(RuleContext context)
    {
        var timeline = context.Timeline;
        if (timeline.Start is null)
        {
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
