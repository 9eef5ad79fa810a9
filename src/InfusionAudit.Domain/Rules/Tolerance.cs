namespace InfusionAudit.Domain.Rules;

/// <summary>
/// Comparisons of computed quantities (doses, rates, volumes, percentages). A pump programmed in mL/h and the same pump
/// programmed in the equivalent mg/kg/h reach mg/h by different floating-point paths that differ in the last bits; two values
/// within <see cref="Relative"/> of each other are equal, so both forms give identical findings and a value exactly at a
/// threshold never counts as beyond it.
/// </summary>
internal static class Tolerance
{
    /// <summary>Relative precision of a comparison: far below any clinical resolution, far above double rounding (≈1e-16).</summary>
    public const double Relative = 1e-9;

    public static bool NearlyEqual(double a, double b) =>
        Math.Abs(a - b) <= Relative * Math.Max(Math.Max(Math.Abs(a), Math.Abs(b)), 1e-12);

    /// <summary>True when <paramref name="a"/> is beyond <paramref name="b"/> by more than the tolerance (false for NaN).</summary>
    public static bool Greater(double a, double b) => a > b && !NearlyEqual(a, b);

    /// <summary>True when <paramref name="a"/> is below <paramref name="b"/> by more than the tolerance (false for NaN).</summary>
    public static bool Less(double a, double b) => a < b && !NearlyEqual(a, b);
}
