namespace InfusionAudit.Domain.Units;

// The unit algebra of the clinical rules: mL/h × mg/mL = mg/h; mg/h ÷ kg = mg/kg/h.
// Every conversion lives here so that the two ways of programming a pump meet in one place.

public readonly partial struct Concentration
{
    /// <summary>The drug contained in <paramref name="volume"/> at this concentration.</summary>
    public Dose DoseIn(Volume volume) => Dose.FromMilligrams(volume.Millilitres * MilligramsPerMillilitre);

    /// <summary>The volume that contains <paramref name="dose"/> at this concentration.</summary>
    public Volume VolumeOf(Dose dose) => Volume.FromMillilitres(dose.Milligrams / MilligramsPerMillilitre);

    /// <summary>The drug delivered per hour by a pump running at <paramref name="rate"/>.</summary>
    public DoseRate DoseRateOf(VolumeRate rate) => DoseRate.FromMilligramsPerHour(rate.MillilitresPerHour * MilligramsPerMillilitre);

    /// <summary>The pump volume rate that delivers <paramref name="rate"/> at this concentration.</summary>
    public VolumeRate VolumeRateOf(DoseRate rate) => VolumeRate.FromMillilitresPerHour(rate.MilligramsPerHour / MilligramsPerMillilitre);
}

public readonly partial struct Dose
{
    /// <summary>This dose relative to <paramref name="weight"/>.</summary>
    public WeightBasedDose Per(BodyWeight weight) => WeightBasedDose.FromMilligramsPerKilogram(Milligrams / weight.Kilograms);
}

public readonly partial struct WeightBasedDose
{
    /// <summary>The absolute dose for a patient of <paramref name="weight"/>.</summary>
    public Dose For(BodyWeight weight) => Dose.FromMilligrams(MilligramsPerKilogram * weight.Kilograms);
}

public readonly partial struct DoseRate
{
    /// <summary>The dose delivered at this rate during <paramref name="duration"/>.</summary>
    public Dose Over(TimeSpan duration) => Dose.FromMilligrams(MilligramsPerHour * duration.TotalHours);

    /// <summary>This rate relative to <paramref name="weight"/>.</summary>
    public WeightBasedDoseRate Per(BodyWeight weight) => WeightBasedDoseRate.FromMilligramsPerKilogramPerHour(MilligramsPerHour / weight.Kilograms);
}

public readonly partial struct WeightBasedDoseRate
{
    /// <summary>The absolute rate for a patient of <paramref name="weight"/>.</summary>
    public DoseRate For(BodyWeight weight) => DoseRate.FromMilligramsPerHour(MilligramsPerKilogramPerHour * weight.Kilograms);
}

public readonly partial struct VolumeRate
{
    /// <summary>The volume pumped at this rate during <paramref name="duration"/>.</summary>
    public Volume Over(TimeSpan duration) => Volume.FromMillilitres(MillilitresPerHour * duration.TotalHours);
}
