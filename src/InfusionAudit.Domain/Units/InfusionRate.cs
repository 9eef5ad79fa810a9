namespace InfusionAudit.Domain.Units;

/// <summary>
/// A pump rate as the device programmed it: either a volume rate (mL/h) or a weight-based dose rate (mg/kg/h).
/// </summary>
/// <remarks>
/// The programmed unit is kept so that the stored state and the evidence of a finding say what the pump was told;
/// the session timeline brings both forms to mg/h for the rules.
/// </remarks>
public readonly record struct InfusionRate
{
    private InfusionRate(VolumeRate? volumeRate, WeightBasedDoseRate? weightBasedRate)
    {
        VolumeRate = volumeRate;
        WeightBasedRate = weightBasedRate;
    }

    /// <summary>The rate in mL/h when it was programmed that way.</summary>
    public VolumeRate? VolumeRate { get; }

    /// <summary>The rate in mg/kg/h when it was programmed that way.</summary>
    public WeightBasedDoseRate? WeightBasedRate { get; }

    /// <summary>True for a rate of zero (the pump is stopped).</summary>
    public bool IsStopped => (VolumeRate?.MillilitresPerHour ?? WeightBasedRate?.MilligramsPerKilogramPerHour ?? 0) == 0;

    /// <summary>A rate programmed in millilitres per hour.</summary>
    public static InfusionRate FromMillilitresPerHour(double value) => new(Units.VolumeRate.FromMillilitresPerHour(value), null);

    /// <summary>A rate programmed in milligrams per kilogram per hour.</summary>
    public static InfusionRate FromMilligramsPerKilogramPerHour(double value) =>
        new(null, WeightBasedDoseRate.FromMilligramsPerKilogramPerHour(value));

    /// <inheritdoc />
    public override string ToString() => VolumeRate?.ToString() ?? WeightBasedRate?.ToString() ?? "0";
}
