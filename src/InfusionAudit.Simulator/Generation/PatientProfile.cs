namespace InfusionAudit.Simulator.Generation;

// A patient as the scripts need them: identity, body and resting vital signs. Resting blood pressure stays below
// 140/90 so that clean scenarios do not trip the pre-dose check.
internal sealed record PatientProfile(
    string PatientRef,
    double WeightKg,
    int AgeYears,
    int HeartRateBpm,
    int SystolicMmHg,
    int DiastolicMmHg,
    int Spo2Percent,
    int RespiratoryRatePerMin)
{
    public static PatientProfile Draw(Random random, string patientRef) => new(
        patientRef,
        WeightKg: InfusionMath.Round(random.Normal(76, 15, 45, 120), 1),
        AgeYears: random.Between(19, 74),
        HeartRateBpm: random.Between(60, 86),
        SystolicMmHg: random.Between(108, 130),
        DiastolicMmHg: random.Between(64, 82),
        Spo2Percent: random.Between(96, 99),
        RespiratoryRatePerMin: random.Between(12, 17));
}
