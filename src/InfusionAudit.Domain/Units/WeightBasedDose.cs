namespace InfusionAudit.Domain.Units;

/// <summary>A dose relative to body weight, in milligrams per kilogram.</summary>
/// <remarks>Valid range: 0 to 1e6 milligrams per kilogram. Not-a-number and infinities are rejected.</remarks>
public readonly struct WeightBasedDose : IEquatable<WeightBasedDose>, IComparable<WeightBasedDose>
{
    private readonly double value;

    private WeightBasedDose(double value) => this.value = value;

    /// <summary>The smallest representable value.</summary>
    public static WeightBasedDose MinValue { get; } = new(0);

    /// <summary>The largest representable value.</summary>
    public static WeightBasedDose MaxValue { get; } = new(1e6);

    /// <summary>Zero.</summary>
    public static WeightBasedDose Zero { get; } = new(0);

    /// <summary>The value in milligrams per kilogram.</summary>
    public double MilligramsPerKilogram => value;

    /// <summary>Creates a value from milligrams per kilogram.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or is outside the valid range.</exception>
    public static WeightBasedDose FromMilligramsPerKilogram(double value)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1e6)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Must be a finite number from 0 to 1e6 milligrams per kilogram.");
        }

        return new WeightBasedDose(value);
    }

    public static WeightBasedDose operator +(WeightBasedDose left, WeightBasedDose right) => FromMilligramsPerKilogram(left.value + right.value);


    public static bool operator ==(WeightBasedDose left, WeightBasedDose right) => left.Equals(right);

    public static bool operator !=(WeightBasedDose left, WeightBasedDose right) => !left.Equals(right);

    public static bool operator <(WeightBasedDose left, WeightBasedDose right) => left.value < right.value;

    public static bool operator >(WeightBasedDose left, WeightBasedDose right) => left.value > right.value;

    public static bool operator <=(WeightBasedDose left, WeightBasedDose right) => left.value <= right.value;

    public static bool operator >=(WeightBasedDose left, WeightBasedDose right) => left.value >= right.value;

    public bool Equals(WeightBasedDose other) => value.Equals(other.value);

    public override bool Equals(object? obj) => obj is WeightBasedDose other && Equals(other);

    public override int GetHashCode() => value.GetHashCode();

    public int CompareTo(WeightBasedDose other) => value.CompareTo(other.value);

    /// <summary>The value with its unit, at clinical precision (<see cref="ShownPrecision"/>).</summary>
    public override string ToString() => Rules.Text.Number(value, ShownPrecision.MgPerKg) + " mg/kg";
}
