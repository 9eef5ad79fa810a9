namespace InfusionAudit.Domain.Findings;

/// <summary>The rule ids of the catalogue (clinical-rules.md). They are public: auditors filter by them, so never rename one.</summary>
public static class RuleIds
{
    /// <summary>Prescribed dose outside the protocol's soft range (warning).</summary>
    public const string DosePrescribedSoft = "DOSE-PRESCRIBED-SOFT";

    /// <summary>Prescribed dose (or infusion concentration) outside the hard range (critical).</summary>
    public const string DosePrescribedHard = "DOSE-PRESCRIBED-HARD";

    /// <summary>Cumulative delivered dose above prescribed + tolerance (critical, live).</summary>
    public const string DoseOverDelivery = "DOSE-OVER-DELIVERY";

    /// <summary>Cumulative delivered dose above the protocol's hard maximum (critical, live).</summary>
    public const string DoseHardLimit = "DOSE-HARD-LIMIT";

    /// <summary>A completed session delivered less than the tolerance of the prescribed dose (warning).</summary>
    public const string DoseUnderDelivery = "DOSE-UNDER-DELIVERY";

    /// <summary>Pump-reported volume differs from the volume computed from the rate history (warning).</summary>
    public const string DosePumpMismatch = "DOSE-PUMP-MISMATCH";

    /// <summary>Discrete doses (intranasal devices) closer together than the protocol's spacing (warning).</summary>
    public const string DoseDeviceSpacing = "DOSE-DEVICE-SPACING";

    /// <summary>Fixed-dose total not allowed, or above the first-session dose of an elderly patient (warning).</summary>
    public const string DoseFixedNotAllowed = "DOSE-FIXED-NOT-ALLOWED";

    /// <summary>A discrete dose on an IV-infusion protocol (warning; critical above the protocol's bolus maximum, catalogue v2).</summary>
    public const string DoseBolus = "DOSE-BOLUS";

    /// <summary>Programmed rate above the soft maximum (warning).</summary>
    public const string RateSoft = "RATE-SOFT";

    /// <summary>Programmed rate above the hard maximum (critical, live).</summary>
    public const string RateHard = "RATE-HARD";

    /// <summary>Programmed rate off the expected rate for longer than allowed (warning).</summary>
    public const string RateDeviation = "RATE-DEVIATION";

    /// <summary>Planned or actual running time outside the soft window (warning).</summary>
    public const string DurationSoft = "DURATION-SOFT";

    /// <summary>Planned or actual running time outside the hard window (critical).</summary>
    public const string DurationHard = "DURATION-HARD";

    /// <summary>A pause longer than allowed (warning).</summary>
    public const string PauseLong = "PAUSE-LONG";

    /// <summary>No end by planned duration + grace (warning, timer).</summary>
    public const string SessionOverdue = "SESSION-OVERDUE";

    /// <summary>A running infusion unheard for too long (warning, timer).</summary>
    public const string DeviceSilent = "DEVICE-SILENT";

    /// <summary>Session ended too soon after the last dose (warning).</summary>
    public const string ObservationShort = "OBSERVATION-SHORT";

    /// <summary>Last blood pressure before the first dose or rate too high (warning).</summary>
    public const string VitalsBpPredose = "VITALS-BP-PREDOSE";

    /// <summary>No blood pressure in the set time before the first dose or rate (warning, catalogue v2).</summary>
    public const string VitalsBpPredoseMissing = "VITALS-BP-PREDOSE-MISSING";

    /// <summary>High blood pressure reading (warning).</summary>
    public const string VitalsBpHigh = "VITALS-BP-HIGH";

    /// <summary>Critical blood pressure (critical, live).</summary>
    public const string VitalsBpCritical = "VITALS-BP-CRITICAL";

    /// <summary>High heart rate (warning).</summary>
    public const string VitalsHrHigh = "VITALS-HR-HIGH";

    /// <summary>Critical heart rate (critical, live).</summary>
    public const string VitalsHrCritical = "VITALS-HR-CRITICAL";

    /// <summary>Low heart rate: warning, critical at the lower limit (catalogue v2).</summary>
    public const string VitalsHrLow = "VITALS-HR-LOW";

    /// <summary>Low oxygen saturation (warning).</summary>
    public const string VitalsSpo2Low = "VITALS-SPO2-LOW";

    /// <summary>Critical oxygen saturation (critical, live).</summary>
    public const string VitalsSpo2Critical = "VITALS-SPO2-CRITICAL";

    /// <summary>Critical respiratory rate (critical, live).</summary>
    public const string VitalsRrCritical = "VITALS-RR-CRITICAL";

    /// <summary>Low systolic pressure: warning; critical on two readings below the lower limit (catalogue v2).</summary>
    public const string VitalsBpLow = "VITALS-BP-LOW";

    /// <summary>Fast breathing (warning, catalogue v2, NEWS2).</summary>
    public const string VitalsRrHigh = "VITALS-RR-HIGH";

    /// <summary>Heart rate or systolic more than 25 % from the pre-dose reading on two readings (warning, catalogue v2).</summary>
    public const string VitalsBaselineChange = "VITALS-BASELINE-CHANGE";

    /// <summary>No blood pressure or no SpO2 for 15 min while dosing or observing (warning, timer, catalogue v2).</summary>
    public const string VitalsMissing = "VITALS-MISSING";

    /// <summary>Intranasal: no blood pressure 30–50 min after the first device (warning, timer, catalogue v2).</summary>
    public const string VitalsBp40MinMissing = "VITALS-BP-40MIN-MISSING";

    /// <summary>Vomiting within 30 min of sedation or loss of consciousness (critical, catalogue v2).</summary>
    public const string AeAspirationRisk = "AE-ASPIRATION-RISK";

    /// <summary>The protocol requires a screening and no complete one precedes the first dose (warning, catalogue v2).</summary>
    public const string ScreeningMissing = "SCREENING-MISSING";

    /// <summary>The screening lists a contraindication of the protocol and a dose was given (critical, catalogue v2).</summary>
    public const string ScreeningContraindication = "SCREENING-CONTRAINDICATION";

    /// <summary>A vital sign outside physiology; not used by the other vitals rules (warning).</summary>
    public const string VitalsImplausible = "VITALS-IMPLAUSIBLE";

    /// <summary>A mild (info) or moderate (warning) adverse effect.</summary>
    public const string AeReported = "AE-REPORTED";

    /// <summary>A severe or life-threatening adverse effect, or respiratory depression / loss of consciousness (critical, live).</summary>
    public const string AeSevere = "AE-SEVERE";

    /// <summary>Session ended for an adverse effect (critical).</summary>
    public const string SessionStoppedAe = "SESSION-STOPPED-AE";

    /// <summary>A sequence number is missing once the session has ended (warning).</summary>
    public const string SeqGap = "SEQ-GAP";

    /// <summary>An event dated after the session end (warning).</summary>
    public const string EventAfterEnd = "EVENT-AFTER-END";

    /// <summary>A device clock ahead of the backend's (warning).</summary>
    public const string ClockSkew = "CLOCK-SKEW";

    /// <summary>Weight outside the plausible range (critical).</summary>
    public const string WeightImplausible = "WEIGHT-IMPLAUSIBLE";

    /// <summary>Weight more than 10 % from the same patient's previous session within 90 days (warning, catalogue v2).</summary>
    public const string WeightChanged = "WEIGHT-CHANGED";

    /// <summary>Weight ÷ previous weight about 2.2 or 0.45: pounds entered as kilograms (critical, catalogue v2, ISMP).</summary>
    public const string WeightUnitsSuspect = "WEIGHT-UNITS-SUSPECT";

    /// <summary>More sessions of a protocol in a rolling 7 days than it allows (warning, catalogue v2).</summary>
    public const string CourseFrequency = "COURSE-FREQUENCY";

    /// <summary>Delivered mg/kg of a protocol in a rolling 7 days above what it allows (warning, catalogue v2).</summary>
    public const string CourseCumulative = "COURSE-CUMULATIVE";

    /// <summary>Prescription above the previous session's by more than the protocol's step, or too high a first session (warning, catalogue v2).</summary>
    public const string DoseEscalation = "DOSE-ESCALATION";

    /// <summary>Another session of the same patient started too recently (warning).</summary>
    public const string PatientInterval = "PATIENT-INTERVAL";

    /// <summary>Events without a <c>SessionStarted</c> for too long (warning, timer).</summary>
    public const string SessionNoStart = "SESSION-NO-START";

    /// <summary>An open session from which nothing was received for <c>timing.abandonAfterHours</c> (warning, timer; not in catalogue v2, see docs/rules.md).</summary>
    public const string SessionAbandoned = "SESSION-ABANDONED";

    /// <summary>Protocol id not in the library or route mismatch: no dose or rate check can run (critical).</summary>
    public const string ProtocolUnknown = "PROTOCOL-UNKNOWN";

    /// <summary>The delivered dose cannot be computed (critical while an infusion runs, else warning; catalogue v2).</summary>
    public const string DoseNotComputable = "DOSE-NOT-COMPUTABLE";

    /// <summary>A device time not believed: before 2015, a week old while live, or off the other devices (warning; catalogue v2).</summary>
    public const string ClockImplausible = "CLOCK-IMPLAUSIBLE";

    /// <summary>
    /// Rules whose verdict integrates the session's rate history (dose, duration, rate against the prescription): an event
    /// that arrives late (a stop, a pause, a fresher pump time) may withdraw their findings. A reading that shows harm by
    /// itself (vital signs, adverse effects) is not among them.
    /// </summary>
    public static IReadOnlySet<string> JudgedOnTheRateHistory { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        DoseOverDelivery, DoseHardLimit, DoseUnderDelivery, DoseNotComputable, DosePumpMismatch, RateDeviation, DurationSoft, DurationHard,
    };

    /// <summary>Every id of the catalogue, in catalogue order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        DosePrescribedSoft, DosePrescribedHard, DoseOverDelivery, DoseHardLimit, DoseUnderDelivery, DosePumpMismatch,
        DoseDeviceSpacing, DoseFixedNotAllowed, DoseBolus, RateSoft, RateHard, RateDeviation, DurationSoft, DurationHard, PauseLong,
        SessionOverdue, DeviceSilent, ObservationShort, VitalsBpPredose, VitalsBpPredoseMissing, VitalsBpHigh, VitalsBpCritical, VitalsHrHigh,
        VitalsHrCritical, VitalsHrLow, VitalsSpo2Low, VitalsSpo2Critical, VitalsRrCritical, VitalsImplausible, AeReported, AeSevere,
        SessionStoppedAe, SeqGap, EventAfterEnd, ClockSkew, WeightImplausible, PatientInterval, SessionNoStart, ProtocolUnknown,
        SessionAbandoned, DoseNotComputable, ClockImplausible, WeightChanged, WeightUnitsSuspect,
        VitalsBpLow, VitalsRrHigh, VitalsBaselineChange, VitalsMissing, VitalsBp40MinMissing, AeAspirationRisk,
        ScreeningMissing, ScreeningContraindication, CourseFrequency, CourseCumulative, DoseEscalation,
    ];
}
