namespace InfusionAudit.Simulator.Generation;

/// <summary>The pump arithmetic a nurse does when programming an infusion (mL/h × mg/mL = mg/h; mg/h ÷ kg = mg/kg/h).</summary>
public static class InfusionMath
{
    /// <summary>Pump rate in mL/h that delivers <paramref name="doseMgPerKg"/> over <paramref name="durationMin"/> minutes.</summary>
    /// <remarks>Multiplies before dividing so that the textbook case (70 kg, 0.5 mg/kg, 40 min, 1 mg/mL) is exactly 52.5.</remarks>
    public static double RateMlPerHour(double weightKg, double doseMgPerKg, double durationMin, double concentrationMgPerMl) =>
        weightKg * doseMgPerKg * 60 / (concentrationMgPerMl * durationMin);

    /// <summary>Weight-based pump rate in mg/kg/h that delivers <paramref name="doseMgPerKg"/> over <paramref name="durationMin"/> minutes.</summary>
    public static double RateMgPerKgPerHour(double doseMgPerKg, double durationMin) => doseMgPerKg * 60 / durationMin;

    /// <summary>Converts a weight-based rate to the volume rate the pump actually runs.</summary>
    public static double MlPerHourFromMgPerKgPerHour(double rateMgPerKgPerHour, double weightKg, double concentrationMgPerMl) =>
        rateMgPerKgPerHour * weightKg / concentrationMgPerMl;

    /// <summary>Volume pumped at <paramref name="rateMlPerHour"/> during <paramref name="running"/>.</summary>
    public static double VolumeMl(double rateMlPerHour, TimeSpan running) => rateMlPerHour * running.TotalSeconds / 3600;

    /// <summary>Rounds as pump and monitor displays do (half away from zero).</summary>
    public static double Round(double value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Rounds down to a pump's programming resolution, as a nurse does so as never to exceed the prescription: a rate
    /// rounded up can land just above a protocol limit that the prescription meets exactly (1.0 mg/kg over 40 min is the
    /// 1.5 mg/kg/h soft maximum). The small allowance keeps binary fractions of exact values (52.5 as 52.4999…) whole.
    /// </summary>
    public static double RoundDown(double value, int decimals)
    {
        var scale = Math.Pow(10, decimals);
        return Math.Floor((value * scale) + 1e-6) / scale;
    }
}
