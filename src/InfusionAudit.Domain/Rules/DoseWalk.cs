using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// Walks the timeline once, giving after each event the delivered dose as the catalogue v2 counts it: the larger of the computed
/// infusion and the pump's latest counter × concentration, plus the discrete doses so far.
/// </summary>
internal struct DoseWalk(SessionTimeline timeline)
{
    private readonly double concentration = timeline.ConcentrationMgPerMl ?? double.NaN;
    private double discreteMg;
    private double reportedMl = double.NaN;

    /// <summary>The point of the last event walked.</summary>
    public Point Last { get; private set; }

    public Point Next(int index)
    {
        switch (timeline.Entries[index].Event.Payload)
        {
            case DoseAdministeredPayload dose:
                discreteMg += dose.Dose.Milligrams;
                break;
            case PumpTotalReportedPayload pump:
                reportedMl = pump.VolumeInfused.Millilitres;
                break;
        }

        var delivered = timeline.DeliveredMgAfter[index];
        var computed = delivered - discreteMg;
        var reportedMg = reportedMl * concentration;

        // The computed value is kept bit for bit unless the counter shows more: a threshold judged on the rate history alone
        // gives the same answer as before the counter counted.
        var mg = double.IsFinite(reportedMg) && !(computed >= reportedMg) ? reportedMg + discreteMg : delivered;
        Last = new Point(mg, computed, reportedMl, reportedMg);
        return Last;
    }

    /// <summary>The delivered dose after one event.</summary>
    /// <param name="Mg">What counts: max(computed, reported) + discrete, mg; NaN when neither is known.</param>
    /// <param name="ComputedMg">The infusion computed from the rate history, mg; NaN when unknown.</param>
    /// <param name="ReportedMl">The pump's latest counter, mL; NaN when none.</param>
    /// <param name="ReportedMg">That counter × concentration, mg; NaN when either is unknown.</param>
    public readonly record struct Point(double Mg, double ComputedMg, double ReportedMl, double ReportedMg);
}
