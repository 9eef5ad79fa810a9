namespace InfusionAudit.Hl7.Mapping;

/// <summary>What a unit measures, so a reading is only ever converted within its kind.</summary>
public enum MdcQuantity
{
    BeatsPerMinute,
    BreathsPerMinute,
    Pressure,
    Percent,
    VolumeRate,
    Volume,
    WeightDoseRate,
    MassRate,
    MassConcentration,
    BodyMass,
}
