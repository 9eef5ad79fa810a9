namespace InfusionAudit.Simulator.Generation;

/// <summary>One session of a simulated course, as <see cref="CourseGenerator"/> schedules it.</summary>
/// <param name="Day">Days from the course's first session.</param>
/// <param name="PrescribedMg">The esketamine dose: 56 mg on day 0, then 84 mg (label, under 65).</param>
/// <param name="Fault">What goes wrong at this session, or null; says which finding it should raise.</param>
/// <param name="WeightKg">The weight entered at the start (pounds entered as kilograms for that fault).</param>
/// <param name="MissesBloodPressureAt40Min">No blood pressure taken 25–55 min after the first device.</param>
/// <param name="EndsObservationEarly">Discharged before the label's two hours of observation.</param>
internal sealed record CourseVisit(
    double Day,
    int PrescribedMg,
    string? Fault,
    double WeightKg,
    bool MissesBloodPressureAt40Min = false,
    bool EndsObservationEarly = false);
