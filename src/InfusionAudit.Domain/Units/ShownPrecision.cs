namespace InfusionAudit.Domain.Units;

/// <summary>
/// Decimals a value is shown with, by unit: the precision a clinician reads it at (issue 14 item 4). Evidence sentences
/// (<c>Rules/Text.cs</c>) and the numbers of every answer (<c>Application/ClinicalPrecision.cs</c>) both read this table,
/// so a sentence never disagrees with the number beside it. Values are stored at full precision; only showing rounds.
/// </summary>
/// <remarks>
/// Sources: a dose is drawn up to 0.1 mg; weight-based doses are prescribed to 0.01 mg/kg (0.5, 0.75); pumps are
/// programmed to 0.1 mL/h; scales read 0.1 kg; monitors report whole mmHg, bpm and breaths/min (one decimal is kept so a
/// fractional reading a device sends is not hidden). Trailing zeros are never written (ISMP: "5.0 mg" is read as 50 mg),
/// so a whole value reads as a whole number whatever its unit's decimals.
/// </remarks>
public static class ShownPrecision
{
    /// <summary>mg: 0.1.</summary>
    public const int Mg = 1;

    /// <summary>mg/kg: 0.01.</summary>
    public const int MgPerKg = 2;

    /// <summary>mg/kg/h: 0.001 (the limits are 1.5 and 3 mg/kg/h; a rate of 0.714 mg/kg/h comes from 100 mL/h of 0.5 mg/mL at 70 kg).</summary>
    public const int MgPerKgPerHour = 3;

    /// <summary>mg/mL: 0.01 (diluted ketamine is 0.5 mg/mL; the hard range starts at 0.1).</summary>
    public const int MgPerMl = 2;

    /// <summary>mg/h: 0.1.</summary>
    public const int MgPerHour = 1;

    /// <summary>mL/h: 0.1, a pump's programming step.</summary>
    public const int MlPerHour = 1;

    /// <summary>mL: 0.1.</summary>
    public const int Ml = 1;

    /// <summary>%: 0.1.</summary>
    public const int Percent = 1;

    /// <summary>kg: 0.1.</summary>
    public const int Kg = 1;

    /// <summary>mmHg, bpm, /min: whole readings; 0.1 for a device that sends fractions.</summary>
    public const int Vital = 1;

    /// <summary>Minutes: 0.1.</summary>
    public const int Minutes = 1;

    /// <summary>Hours: 0.01.</summary>
    public const int Hours = 2;

    /// <summary>Days: 0.1.</summary>
    public const int Days = 1;

    /// <summary>Years: 0.1.</summary>
    public const int Years = 1;

    /// <summary>A ratio of two values of one unit (weight ÷ previous weight): 0.01.</summary>
    public const int Ratio = 2;
}
