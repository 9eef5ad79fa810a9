namespace InfusionAudit.Simulator.Generation;

/// <summary>
/// Plays one patient's esketamine course (esketamine-in-trd) as the label schedules it: twice weekly in weeks 1–4
/// (days 0, 3, 7, 10, …, 24), then weekly (day 28, 35, …); 56 mg on day 0, 84 mg after (the patient is under 65).
/// With faults, four things go wrong, each raising the finding named in its <see cref="CourseVisit.Fault"/>: an extra
/// session on day 8 (three in a week of the induction: <c>COURSE-FREQUENCY</c>, again at days 10 and 14), the weight entered in
/// pounds on day 14 (<c>WEIGHT-UNITS-SUSPECT</c>, and again when it is right on day 17), no blood pressure around
/// 40 minutes on day 17 (<c>VITALS-BP-40MIN-MISSING</c>), a discharge before two hours on day 21 (<c>OBSERVATION-SHORT</c>).
/// Deterministic: the same options give the same bytes.
/// </summary>
public sealed class CourseGenerator
{
    private const double PoundsPerKilogram = 2.20462;
    private readonly CourseOptions _options;

    public CourseGenerator(CourseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The patient reference every session of the course carries (before the backend hashes it).</summary>
    public string PatientRef => $"{_options.IdPrefix}MRN-C{new Random(_options.Seed).Between(100000, 999999)}";

    /// <summary>The course's sessions, oldest first.</summary>
    public IEnumerable<GeneratedSession> Generate()
    {
        var o = _options;
        var random = new Random(o.Seed);
        var patientRef = PatientRef;
        // The label's 56 mg day 1 is for patients under 65, and a weight below 110 kg keeps pounds under the plausible 250.
        var drawn = PatientProfile.Draw(random, patientRef);
        var patient = drawn with { AgeYears = Math.Min(drawn.AgeYears, 64), WeightKg = Math.Min(drawn.WeightKg, 105) };
        var visits = Schedule(o.Weeks, o.WithFaults, patient.WeightKg);
        for (var i = 0; i < visits.Count; i++)
        {
            var visit = visits[i];
            var t0 = o.FirstSession + TimeSpan.FromDays(visit.Day);
            var day = new DateTimeOffset(t0.UtcDateTime.Date, TimeSpan.Zero);
            var sessionId = $"{o.IdPrefix}{o.ClinicId}-C{o.Seed}-D{visit.Day:00}";
            var recorder = new SessionRecorder(sessionId, o.ClinicId, DeviceSet.ForChair(o.ClinicId, 1), patient with { WeightKg = visit.WeightKg }, new Random(o.Seed ^ (i + 1) * 7919));
            var scenario = visit.EndsObservationEarly ? Scenario.ShortObservation : Scenario.Intranasal;
            var endedAt = IntranasalScript.Play(recorder, t0, scenario, visit);
            var events = TransportFaults.Clean(recorder.Seal(new DeviceCounters(o.IdPrefix + "C" + visit.Day.ToString("00", System.Globalization.CultureInfo.InvariantCulture), o.Seed, day)));
            yield return new GeneratedSession(i + 1, sessionId, scenario, IntranasalScript.ProtocolId, 1, t0, endedAt, [.. events.OrderBy(e => e.SendAt)]);
        }
    }

    /// <summary>The days of a course of <paramref name="weeks"/> weeks, with its faults.</summary>
    internal static List<CourseVisit> Schedule(int weeks, bool withFaults, double weightKg)
    {
        var days = new List<double>();
        for (var week = 0; week < weeks; week++)
        {
            days.Add(week * 7);
            if (week < 4)
            {
                days.Add((week * 7) + 3);
            }
        }

        if (withFaults && weeks >= 2)
        {
            days.Add(8);
        }

        var pounds = Math.Round(weightKg * PoundsPerKilogram, 1);
        return [.. days.Order().Select(day => (day, withFaults) switch
        {
            (0, _) => new CourseVisit(day, 56, null, weightKg),
            (8, true) => new CourseVisit(day, 84, "COURSE-FREQUENCY (3 sessions in 7 days of the induction)", weightKg),
            (14, true) => new CourseVisit(day, 84, "WEIGHT-UNITS-SUSPECT (weight entered in pounds)", pounds),
            (17, true) => new CourseVisit(day, 84, "VITALS-BP-40MIN-MISSING (no blood pressure around 40 minutes)", weightKg, MissesBloodPressureAt40Min: true),
            (21, true) => new CourseVisit(day, 84, "OBSERVATION-SHORT (discharged before two hours)", weightKg, EndsObservationEarly: true),
            _ => new CourseVisit(day, 84, null, weightKg),
        })];
    }
}
