using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>DOSE-FIXED-NOT-ALLOWED</c> for fixed-dose protocols. Key <c>prescribed</c>: at <c>SessionStarted</c>, the prescription is
/// not in <c>fixedDoseMg.allowed</c>. Key <c>total</c>: at the end, the session total is not in <c>fixedDoseMg.allowed</c>,
/// except a withheld dose (0 mg, earliest end's reason other than <c>completed</c>). Key <c>elderly-first-session</c>: the patient is at least <c>elderly.ageYearsAtLeast</c> and has
/// no earlier session of this protocol, and the prescription (at start) or the cumulative delivered dose (live, at the dose
/// that exceeds it) is above <c>elderly.firstSessionDoseMg</c>.
/// </summary>
internal sealed class FixedDoseRule : ISessionRule
{
    public static bool IsAllowed(double mg, FixedDoseLimits limits)
    {
        foreach (var allowed in limits.Allowed)
        {
            if (Tolerance.NearlyEqual(mg, allowed.Milligrams))
            {
                return true;
            }
        }

        return false;
    }

    public static string AllowedText(FixedDoseLimits limits) => string.Join("/", limits.Allowed.Select(d => Text.Mg(d.Milligrams)));

    /// <summary>A dose that is not an allowed one, shown so that it never reads as the nearest allowed dose (56.04 mg, not 56).</summary>
    public static string NotAllowedText(double mg, FixedDoseLimits limits)
    {
        var nearest = double.NaN;
        foreach (var allowed in limits.Allowed)
        {
            if (double.IsNaN(nearest) || Math.Abs(allowed.Milligrams - mg) < Math.Abs(nearest - mg))
            {
                nearest = allowed.Milligrams;
            }
        }

        return Text.Compared(mg, nearest, ShownPrecision.Mg).Value;
    }

    private static string Exceeds(string what, double mg, double expected, int? age, int ageAtLeast)
    {
        var (shown, limit) = Text.Compared(mg, expected, ShownPrecision.Mg);
        return $"{what} {shown} mg on the first session of a patient aged {age} (expected {limit} mg from age {ageAtLeast})";
    }

    public void Evaluate(RuleContext context)
    {
        if (context.Protocol is not { FixedDose: { } limits } protocol || context.Start is not { } start)
        {
            return;
        }

        var timeline = context.Timeline;
        var delivered = timeline.DeliveredMgAfter;
        if (protocol.Elderly is { } elderly && start.PatientAgeYears >= elderly.AgeYearsAtLeast && IsFirstSession(context))
        {
            var expected = elderly.FirstSessionDose.Milligrams;
            if (context.PrescribedMg is { } prescribed && Tolerance.Greater(prescribed, expected))
            {
                context.Report(
                    RuleIds.DoseFixedNotAllowed, Severity.Warning, protocol, "elderly-first-session", timeline.StartIndex,
                    Exceeds("prescribed", prescribed, expected, start.PatientAgeYears, elderly.AgeYearsAtLeast),
                    ("prescribedMg", prescribed), ("expectedMg", expected), ("patientAgeYears", start.PatientAgeYears.Value));
            }
            else
            {
                for (var i = 0; i < delivered.Length; i++)
                {
                    if (Tolerance.Greater(delivered[i], expected))
                    {
                        context.Report(
                            RuleIds.DoseFixedNotAllowed, Severity.Warning, protocol, "elderly-first-session", i,
                            Exceeds("delivered", delivered[i], expected, start.PatientAgeYears, elderly.AgeYearsAtLeast),
                            ("deliveredMg", delivered[i]), ("expectedMg", expected), ("patientAgeYears", start.PatientAgeYears.Value));
                        break;
                    }
                }
            }
        }

        if (context.PrescribedMg is { } prescribedMg && !IsAllowed(prescribedMg, limits))
        {
            context.Report(
                RuleIds.DoseFixedNotAllowed, Severity.Warning, protocol, "prescribed", timeline.StartIndex,
                $"prescribed {NotAllowedText(prescribedMg, limits)} mg is not one of the allowed doses {AllowedText(limits)} mg",
                ("prescribedMg", prescribedMg));
        }

        if (timeline.EndIndex >= 0)
        {
            var total = delivered[^1];

            // A dose withheld (nothing given, session ended for another reason than completion) is a clinical decision, not a
            // wrong dose; a completed session that gave nothing is still wrong.
            var withheld = total == 0 && timeline.EndReason != SessionEndReason.Completed;
            if (!double.IsNaN(total) && !withheld && !IsAllowed(total, limits))
            {
                context.Report(
                    RuleIds.DoseFixedNotAllowed, Severity.Warning, protocol, "total", timeline.EndIndex,
                    $"session total {NotAllowedText(total, limits)} mg is not one of the allowed doses {AllowedText(limits)} mg",
                    ("deliveredMg", total));
            }
        }
    }

    private static bool IsFirstSession(RuleContext context)
    {
        var startedAt = context.Entry(context.Timeline.StartIndex).OccurredTicks;
        foreach (var prior in context.History.Sessions)
        {
            if (!string.Equals(prior.SessionId, context.SessionId, StringComparison.Ordinal)
                && string.Equals(prior.ProtocolId, context.Start!.ProtocolId, StringComparison.Ordinal)
                && prior.StartedAt.UtcTicks < startedAt)
            {
                return false;
            }
        }

        return true;
    }
}
