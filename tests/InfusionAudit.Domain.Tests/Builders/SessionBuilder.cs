using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Tests.Builders;

/// <summary>
/// Builds the stored events of one session in the contract's shape. Times are minutes after <see cref="T0"/>; each event gets
/// the next sequence number, an id <c>{session}-{sequence:0000}</c> and a receive time <see cref="ReceiveDelay"/> after it
/// occurred unless told otherwise.
/// </summary>
internal sealed class SessionBuilder
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 15, 0, 0, TimeSpan.Zero);

    private readonly List<StoredEvent> events = [];
    private long sequence;

    public SessionBuilder(string sessionId = "S-0001", string clinicId = "abq-01", string deviceId = "pump-17")
    {
        SessionId = sessionId;
        ClinicId = clinicId;
        DeviceId = deviceId;
    }

    public string SessionId { get; }

    public string ClinicId { get; }

    public string DeviceId { get; set; }

    public TimeSpan ReceiveDelay { get; set; } = TimeSpan.FromSeconds(2);

    public IReadOnlyList<StoredEvent> Events => events;

    public static DateTimeOffset At(double minutes) => T0 + TimeSpan.FromTicks((long)Math.Round(minutes * TimeSpan.TicksPerMinute));

    /// <summary>The standard IV session start: 70 kg, 0.5 mg/kg (35 mg) over 40 min at 1 mg/mL.</summary>
    public SessionBuilder StartIv(
        double minute = 0, double weightKg = 70, double mgPerKg = 0.5, double plannedMin = 40, double concentrationMgPerMl = 1.0,
        string protocolId = TestProtocols.IvId, Route route = Route.IV, int? ageYears = null, string patient = "hash-patient-1") =>
        Add(minute, EventType.SessionStarted, new SessionStartedPayload(
            patient, protocolId, route, BodyWeight.FromKilograms(weightKg), WeightBasedDose.FromMilligramsPerKilogram(mgPerKg), null,
            TimeSpan.FromTicks((long)Math.Round(plannedMin * TimeSpan.TicksPerMinute)),
            Concentration.FromMilligramsPerMillilitre(concentrationMgPerMl), ageYears));

    /// <summary>An intranasal esketamine start with a fixed prescription.</summary>
    public SessionBuilder StartIntranasal(
        double minute = 0, double prescribedMg = 56, double weightKg = 70, int? ageYears = 40, string protocolId = TestProtocols.InId,
        string patient = "hash-patient-1") =>
        Add(minute, EventType.SessionStarted, new SessionStartedPayload(
            patient, protocolId, Route.IN, BodyWeight.FromKilograms(weightKg), null, Units.Dose.FromMilligrams(prescribedMg), null, null, ageYears));

    /// <summary>A subcutaneous start, weight-based.</summary>
    public SessionBuilder StartSubcutaneous(double minute = 0, double mgPerKg = 0.3, double weightKg = 70, string patient = "hash-patient-1") =>
        Add(minute, EventType.SessionStarted, new SessionStartedPayload(
            patient, TestProtocols.ScId, Route.SC, BodyWeight.FromKilograms(weightKg), WeightBasedDose.FromMilligramsPerKilogram(mgPerKg),
            null, null, null, null));

    public SessionBuilder RateMlPerHour(double minute, double mlPerHour) =>
        Add(minute, EventType.InfusionRateChanged, new InfusionRateChangedPayload(InfusionRate.FromMillilitresPerHour(mlPerHour)));

    public SessionBuilder RateMgPerKgPerHour(double minute, double mgPerKgPerHour) =>
        Add(minute, EventType.InfusionRateChanged, new InfusionRateChangedPayload(InfusionRate.FromMilligramsPerKilogramPerHour(mgPerKgPerHour)));

    public SessionBuilder Pause(double minute, string? reason = null) =>
        Add(minute, EventType.InfusionPaused, new InfusionPausedPayload(reason));

    public SessionBuilder Resume(double minute) => Add(minute, EventType.InfusionResumed, new InfusionResumedPayload());

    public SessionBuilder Dose(double minute, double mg) =>
        Add(minute, EventType.DoseAdministered, new DoseAdministeredPayload(Units.Dose.FromMilligrams(mg)));

    public SessionBuilder PumpTotal(double minute, double ml) =>
        Add(minute, EventType.PumpTotalReported, new PumpTotalReportedPayload(Volume.FromMillilitres(ml)));

    public SessionBuilder Vitals(double minute, double? hr = null, double? sys = null, double? dia = null, double? spo2 = null, double? rr = null) =>
        Add(minute, EventType.VitalsRecorded, new VitalsRecordedPayload(hr, sys, dia, spo2, rr));

    public SessionBuilder AdverseEffect(double minute, AdverseEffect effect, AdverseEffectSeverity severity, int? cadss = null) =>
        Add(minute, EventType.AdverseEffectObserved, new AdverseEffectObservedPayload(effect, severity, cadss, null));

    /// <summary>Contract 1.1: monitoring ended, the patient left (optionally judged ready to leave at <paramref name="readyMinute"/>).</summary>
    public SessionBuilder Discharge(double minute, double? readyMinute = null) =>
        Add(minute, EventType.PatientDischarged, new PatientDischargedPayload(readyMinute is { } ready ? At(ready) : null));

    /// <summary>Contract 1.1: the pre-dose checklist.</summary>
    public SessionBuilder Screening(double minute, string[]? contraindications = null, MedicineClass[]? medicines = null, bool consent = true, bool checkedAll = true) =>
        Add(minute, EventType.ScreeningRecorded, new ScreeningRecordedPayload(checkedAll, contraindications ?? [], medicines ?? [], consent));

    public SessionBuilder End(double minute, SessionEndReason reason = SessionEndReason.Completed) =>
        Add(minute, EventType.SessionEnded, new SessionEndedPayload(reason));

    /// <summary>
    /// Adds an event of any type at <paramref name="minute"/>; <paramref name="receivedAt"/> defaults to occurred + delay, the id to
    /// <c>{session}-{sequence:0000}</c> (give one when devices count their own sequences).
    /// </summary>
    public SessionBuilder Add(
        double minute, EventType type, EventPayload payload, DateTimeOffset? receivedAt = null, long? sequenceNumber = null, string? eventId = null)
    {
        var seq = sequenceNumber ?? sequence;
        sequence = Math.Max(sequence, seq) + 1;
        var occurredAt = At(minute);
        var deviceEvent = new DeviceEvent(1, eventId ?? $"{SessionId}-{seq:0000}", type, SessionId, ClinicId, DeviceId, seq, occurredAt, payload);
        events.Add(new StoredEvent(deviceEvent, receivedAt ?? occurredAt + ReceiveDelay));
        return this;
    }

    /// <summary>Skips sequence numbers (simulates lost events).</summary>
    public SessionBuilder Lose(int count)
    {
        sequence += count;
        return this;
    }

    /// <summary>Sets the receive time of the last added event.</summary>
    public SessionBuilder ReceivedAt(DateTimeOffset receivedAt)
    {
        events[^1] = events[^1] with { ReceivedAt = receivedAt };
        return this;
    }

    public StoredEvent Last => events[^1];

    public SessionEvaluation Evaluate(ProtocolLibrary? library = null, PatientHistory? history = null, DateTimeOffset? asOf = null, int? version = null) =>
        SessionEngine.Evaluate(events, library ?? TestProtocols.Library, history ?? PatientHistory.Empty, asOf ?? DefaultAsOf(), version);

    /// <summary>Just after the last receipt: the moment a batch evaluation of these events would run.</summary>
    public DateTimeOffset DefaultAsOf() => events.Max(e => e.ReceivedAt) + TimeSpan.FromSeconds(1);

    /// <summary>
    /// The standard session: 35 mg at 52.5 mL/h over 40 min, vitals at most 15 min apart while dosing (catalogue v2
    /// <c>VITALS-MISSING</c>), pump total, completed.
    /// </summary>
    public static SessionBuilder StandardIv(string sessionId = "S-0001") =>
        new SessionBuilder(sessionId)
            .StartIv()
            .Vitals(1, hr: 72, sys: 128, dia: 80, spo2: 98, rr: 14)
            .RateMlPerHour(2, 52.5)
            .Vitals(16, hr: 80, sys: 132, dia: 82, spo2: 97, rr: 14)
            .PumpTotal(22, 17.5)
            .Vitals(31, hr: 84, sys: 135, dia: 84, spo2: 97, rr: 15)
            .RateMlPerHour(42, 0)
            .PumpTotal(42, 35)
            .Vitals(46, hr: 76, sys: 126, dia: 80, spo2: 98, rr: 14)
            .End(60);
}
