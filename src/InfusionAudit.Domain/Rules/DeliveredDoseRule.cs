using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Units;
using InfusionAudit.Domain.Protocols;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// The cumulative delivered dose against the prescription and the protocol. After each event the delivered dose is the larger of
/// the computed infusion (∫ rate dt, no segment beyond the hard maximum duration) and the pump's own counter
/// (<c>volumeInfusedMl</c> of its latest report × concentration), plus the discrete doses. <c>DOSE-OVER-DELIVERY</c> (above
/// prescribed × (100 + <c>delivery.overDeliveryAbovePercent</c>) %) and <c>DOSE-HARD-LIMIT</c> (above <c>doseMgPerKg.hard.max</c>
/// or <c>fixedDoseMg.hardMax</c>) fire at the first event after which that dose is beyond the threshold; failing that, for an
/// infusion still running at its last event, at the instant the dose projected at the running rate to the evaluation time
/// (mapped to the pump's clock) crosses it. <c>DOSE-UNDER-DELIVERY</c> on a <c>completed</c> end below
/// <c>delivery.underDeliveryBelowPercent</c> % of the prescription, judged only when the infusion could be computed.
/// </summary>
internal sealed class DeliveredDoseRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        if (context.Protocol is not { } protocol || context.Start is not { } start || context.PrescribedMg is not { } prescribedMg)
        {
            var reason = context.Protocol is null && context.Start is not null
                ? "the session's protocol is unknown (PROTOCOL-UNKNOWN)"
                : "SessionStarted has not arrived: no prescription, weight or concentration";
            context.NotEvaluated(RuleIds.DoseOverDelivery, reason);
            context.NotEvaluated(RuleIds.DoseHardLimit, reason);
            context.NotEvaluated(RuleIds.DoseUnderDelivery, reason);
            return;
        }

        var timeline = context.Timeline;
        var weight = start.Weight.Kilograms;
        var overLimit = prescribedMg * (100 + protocol.Delivery.OverDeliveryAbovePercent) / 100;
        var (hardLimitMg, hardText) = protocol.DosePerWeight is { } perWeight
            ? (perWeight.Hard.Max.MilligramsPerKilogram * weight, $"{Text.MgPerKg(perWeight.Hard.Max.MilligramsPerKilogram)} mg/kg")
            : protocol.FixedDose is { } fixedDose ? (fixedDose.HardMax.Milligrams, $"{Text.Mg(fixedDose.HardMax.Milligrams)} mg") : (double.NaN, "");

        var doses = new DoseWalk(timeline);
        var overIndex = -1;
        var hardIndex = -1;
        var over = default(DoseWalk.Point);
        var hard = default(DoseWalk.Point);
        var unknownSomewhere = false;
        for (var i = 0; i < timeline.Count; i++)
        {
            var point = doses.Next(i);
            unknownSomewhere |= !double.IsFinite(point.Mg);
            if (overIndex < 0 && Tolerance.Greater(point.Mg, overLimit))
            {
                (overIndex, over) = (i, point);
            }

            if (hardIndex < 0 && Tolerance.Greater(point.Mg, hardLimitMg))
            {
                (hardIndex, hard) = (i, point);
            }
        }

        if (overIndex >= 0)
        {
            ReportOver(context, protocol, overIndex, over, prescribedMg, overLimit, weight);
        }

        if (hardIndex >= 0)
        {
            ReportHard(context, protocol, hardIndex, hard, hardLimitMg, weight);
        }

        if (overIndex < 0 || hardIndex < 0)
        {
            Project(context, protocol, doses.Last, overIndex < 0 ? overLimit : double.NaN, hardIndex < 0 ? hardLimitMg : double.NaN, prescribedMg, hardText, weight);
        }

        if (unknownSomewhere || timeline.RateHistoryUntrusted || timeline.IntegrationCapped)
        {
            // Only a lower bound (or nothing) is known: enough to show an excess above, never enough to clear one.
            var reason = timeline.RateHistoryUntrusted
                ? "the rate history has device times that are not believed (CLOCK-IMPLAUSIBLE); only the pump's counter and discrete doses count"
                : unknownSomewhere
                    ? "the infused dose cannot be computed for part of the session (DOSE-NOT-COMPUTABLE) and no pump counter converts it to mg"
                    : "a rate segment ran beyond the protocol's hard maximum duration and was integrated only that far (see DURATION-HARD)";
            if (overIndex < 0)
            {
                context.NotEvaluated(RuleIds.DoseOverDelivery, reason);
            }

            if (hardIndex < 0)
            {
                context.NotEvaluated(RuleIds.DoseHardLimit, reason);
            }
        }

        JudgeUnderDelivery(context, protocol, prescribedMg, weight, doses.Last);
    }

    private static void ReportOver(RuleContext context, ProtocolDefinition protocol, int index, DoseWalk.Point point, double prescribedMg, double limit, double weight)
    {
        var mg = point.Mg;
        var excess = (mg - prescribedMg) / prescribedMg * 100;
        var (excessText, limitText) = Text.Compared(excess, protocol.Delivery.OverDeliveryAbovePercent, ShownPrecision.Percent);
        context.Report(
            RuleIds.DoseOverDelivery, Severity.Critical, protocol, "", index,
            $"delivered {Text.Mg(mg)} mg = {Text.MgPerKg(mg / weight)} mg/kg{Source(point)} vs prescribed {Text.Mg(prescribedMg)} mg ({Text.Signed(excessText)} %, limit +{limitText} %)",
            ("deliveredMg", mg), ("deliveredMgPerKg", mg / weight), ("prescribedMg", prescribedMg), ("excessPercent", excess),
            ("limitMg", limit), ("pumpReportedMg", point.ReportedMg));
    }

    private static void ReportHard(RuleContext context, ProtocolDefinition protocol, int index, DoseWalk.Point point, double limitMg, double weight)
    {
        var mg = point.Mg;

        // Judged in mg/kg for a weight-based protocol, in mg for a fixed dose: the judged pair is shown apart.
        string evidence;
        if (protocol.DosePerWeight is { } perWeight)
        {
            var (perKg, max) = Text.Compared(mg / weight, perWeight.Hard.Max.MilligramsPerKilogram, ShownPrecision.MgPerKg);
            evidence = $"delivered {Text.Mg(mg)} mg = {perKg} mg/kg{Source(point)} is above the protocol's hard maximum {max} mg/kg";
        }
        else
        {
            var (total, max) = Text.Compared(mg, limitMg, ShownPrecision.Mg);
            evidence = $"delivered {total} mg = {Text.MgPerKg(mg / weight)} mg/kg{Source(point)} is above the protocol's hard maximum {max} mg";
        }

        context.Report(
            RuleIds.DoseHardLimit, Severity.Critical, protocol, "", index,
            evidence,
            ("deliveredMg", mg), ("deliveredMgPerKg", mg / weight), ("hardMaxMg", limitMg), ("hardMaxMgPerKg", limitMg / weight),
            ("pumpReportedMg", point.ReportedMg));
    }

    private static string Source(DoseWalk.Point point) =>
        double.IsFinite(point.ReportedMg) && !(point.ComputedMg >= point.ReportedMg)
            ? $" (pump counter {Text.Ml(point.ReportedMl)} mL × concentration = {Text.Mg(point.ReportedMg)} mg infused)"
            : "";

    /// <summary>
    /// An infusion still running at its last event is projected at its rate to the evaluation time on the pump's clock; a crossing
    /// is reported at its own instant (mapped back to the backend's clock), so the finding does not depend on when the clock looked.
    /// </summary>
    private static void Project(
        RuleContext context, ProtocolDefinition protocol, DoseWalk.Point last, double overLimit, double hardLimitMg, double prescribedMg, string hardText, double weight)
    {
        var timeline = context.Timeline;
        if (!double.IsFinite(last.Mg) || !DoseProjection.TryRunning(timeline, out var piece))
        {
            return;
        }

        var offset = DoseProjection.ClockOffset(timeline, context.Entry(piece.RateEventIndex).Event.DeviceId);
        var deviceNow = context.AsOf.UtcTicks - offset;
        var remaining = DoseProjection.Remaining(timeline);
        var from = piece.To;
        foreach (var (ruleId, limit) in new[] { (RuleIds.DoseOverDelivery, overLimit), (RuleIds.DoseHardLimit, hardLimitMg) })
        {
            if (!double.IsFinite(limit))
            {
                continue;
            }

            // The instant the projection reaches the limit, on whole seconds so that a rate in mL/h and the same rate in
            // mg/kg/h (equal within rounding) give the same instant; beyond the limit means strictly after it.
            var seconds = (limit - last.Mg) / piece.MgPerHour * 3600;
            var horizon = Math.Min(remaining, deviceNow - from);
            if (!(seconds < (double)horizon / TimeSpan.TicksPerSecond))
            {
                continue;
            }

            var nearest = Math.Round(seconds);
            var ticks = (long)(Tolerance.NearlyEqual(seconds, nearest) ? nearest : Math.Ceiling(seconds)) * TimeSpan.TicksPerSecond;
            if (ticks >= remaining || ticks >= deviceNow - from)
            {
                continue;
            }

            var crossing = from + ticks;
            var detectedAt = Text.Instant(crossing + offset);
            var evidence = ruleId == RuleIds.DoseOverDelivery
                ? $"projected at {Text.Time(detectedAt)}: the infusion running at {Text.MgPerHour(piece.MgPerHour)} mg/h since its last event exceeds {Text.Mg(limit)} mg (prescribed {Text.Mg(prescribedMg)} mg +{Text.Pct(protocol.Delivery.OverDeliveryAbovePercent)} %); {Text.Mg(last.Mg)} mg at the last event"
                : $"projected at {Text.Time(detectedAt)}: the infusion running at {Text.MgPerHour(piece.MgPerHour)} mg/h since its last event exceeds the protocol's hard maximum {hardText} ({Text.Mg(limit)} mg); {Text.Mg(last.Mg)} mg at the last event";
            context.ReportTimer(
                ruleId, Severity.Critical, protocol, "", detectedAt, evidence,
                ("projectedMg", limit), ("projectedMgPerKg", limit / weight), ("deliveredMgAtLastEvent", last.Mg),
                ("rateMgPerHour", piece.MgPerHour), ("limitMg", limit), ("prescribedMg", prescribedMg));
        }
    }

    private static void JudgeUnderDelivery(RuleContext context, ProtocolDefinition protocol, double prescribedMg, double weight, DoseWalk.Point last)
    {
        var timeline = context.Timeline;
        if (timeline.EndReason != SessionEndReason.Completed)
        {
            return;
        }

        if (!double.IsFinite(last.ComputedMg))
        {
            // The pump's counter alone is a lower bound of what ran in: it cannot show that too little was given.
            context.NotEvaluated(RuleIds.DoseUnderDelivery, "the infused dose cannot be computed from the rate history (DOSE-NOT-COMPUTABLE)");
            return;
        }

        if (timeline.IntegrationCapped)
        {
            // A segment longer than the hard maximum duration was integrated only that far: the computed dose is a lower bound.
            context.NotEvaluated(RuleIds.DoseUnderDelivery, "a rate segment ran beyond the protocol's hard maximum duration and was integrated only that far");
            return;
        }

        var total = last.Mg;
        var underLimit = prescribedMg * protocol.Delivery.UnderDeliveryBelowPercent / 100;
        if (Tolerance.Less(total, underLimit))
        {
            var (share, minimum) = Text.Compared(total / prescribedMg * 100, protocol.Delivery.UnderDeliveryBelowPercent, ShownPrecision.Percent);
            context.Report(
                RuleIds.DoseUnderDelivery, Severity.Warning, protocol, "", timeline.EndIndex,
                $"completed session delivered {Text.Mg(total)} mg = {Text.MgPerKg(total / weight)} mg/kg, {share} % of prescribed {Text.Mg(prescribedMg)} mg (minimum {minimum} %)",
                ("deliveredMg", total), ("deliveredMgPerKg", total / weight), ("prescribedMg", prescribedMg),
                ("deliveredPercent", total / prescribedMg * 100));
        }
    }
}
