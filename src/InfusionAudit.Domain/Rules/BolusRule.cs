using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>DOSE-BOLUS</c> (catalogue v2): every <c>DoseAdministered</c> of a session whose resolved protocol is an IV infusion, one
/// finding per dose keyed by its event id, live. Critical when the dose alone, or the sum of the session's discrete doses up to
/// and including it (timeline order), is above <c>bolusHardMaxMgPerKg</c> in mg/kg; otherwise warning. Doses dated after the end
/// count too, as they do for the delivered dose.
/// </summary>
internal sealed class BolusRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        if (context.Protocol is not { Route: Route.IV } protocol || context.Start is not { } start)
        {
            return;
        }

        var weight = start.Weight.Kilograms;
        var max = protocol.BolusHardMax.MilligramsPerKilogram;
        var entries = context.Timeline.Entries;
        var sumMg = 0.0;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Event.Payload is not DoseAdministeredPayload dose)
            {
                continue;
            }

            // Split boluses are one drug load: judging each alone would let 0.5 mg/kg pass as two warnings.
            var mg = dose.Dose.Milligrams;
            sumMg += mg;
            var severity = Tolerance.Greater(sumMg / weight, max) ? Severity.Critical : Severity.Warning;
            context.Report(
                RuleIds.DoseBolus, severity, protocol, entries[i].Event.EventId, i,
                Evidence(mg, weight, sumMg, max),
                ("doseMg", mg), ("doseMgPerKg", mg / weight), ("bolusesMgPerKg", sumMg / weight), ("hardMaxMgPerKg", max));
        }
    }

    private static string Evidence(double mg, double weight, double sumMg, double max)
    {
        var (sum, maximum) = Text.Compared(sumMg / weight, max, ShownPrecision.MgPerKg);
        return $"discrete dose of {Text.Mg(mg)} mg = {Text.MgPerKg(mg / weight)} mg/kg on an IV infusion protocol (boluses so far {sum} mg/kg, hard maximum {maximum} mg/kg)";
    }
}
