namespace InfusionAudit.Domain.Units;

/// <summary>A drug delivery rate relative to body weight, in milligrams per kilogram per hour.</summary>
/// <remarks>Valid range: 0 to 1e6 milligrams per kilogram per hour. Not-a-number and infinities are rejected.</remarks>
public readonly struct WeightBasedDoseRate : IEquatable<WeightBasedDoseRate>, IComparable<WeightBasedDoseRate>
{
    private readonly double value;

    private WeightBasedDoseRate(double value) => this.value = value;

    /// <summary>The smallest representable value.</summary>
    public static WeightBasedDoseRate MinValue { get; } = new(0);

    /// <summary>The largest representable value.</summary>
    public static WeightBasedDoseRate MaxValue { get; } = new(1e6);

    /// <summary>Zero.</summary>
    public static WeightBasedDoseRate Zero { get; } = new(0);

    /// <summary>The value in milligrams per kilogram per hour.</summary>
    public double MilligramsPerKilogramPerHour => value;

    /// <summary>Creates a value from milligrams per kilogram per hour.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or is outside the valid range.</exception>
    public static WeightBasedDoseRate FromMilligramsPerKilogramPerHour(double value)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1e6)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Must be a finite number from 0 to 1e6 milligrams per kilogram per hour.");
        }

        return new WeightBasedDoseRate(value);
    }

    public static WeightBasedDoseRate operator +(WeightBasedDoseRate left, WeightBasedDoseRate right) => FromMilligramsPerKilogramPerHour(left.value + right.value);


    public static bool operator ==(WeightBasedDoseRate left, WeightBasedDoseRate right) => left.Equals(right);

    public static bool operator !=(WeightBasedDoseRate left, WeightBasedDoseRate right) => !left.Equals(right);

    public static bool operator <(WeightBasedDoseRate left, WeightBasedDoseRate right) => left.value < right.value;

    public static bool operator >(WeightBasedDoseRate left, WeightBasedDoseRate right) => left.value > right.value;

    public static bool operator <=(WeightBasedDoseRate left, WeightBasedDoseRate right) => left.value <= right.value;

    public static bool operator >=(WeightBasedDoseRate left, WeightBasedDoseRate right) => left.value >= right.value;

    public bool Equals(WeightBasedDoseRate other) => value.Equals(other.value);

    public override bool Equals(object? obj) => obj is WeightBasedDoseRate other && Equals(other);

    public override int GetHashCode() => value.GetHashCode();

    public int CompareTo(WeightBasedDoseRate other) => value.CompareTo(other.value);

    /// <summary>The value with its unit, at clinical precision (<see cref="ShownPrecision"/>).</summary>
    public override string ToString() => Rules.Text.Number(value, ShownPrecision.MgPerKgPerHour) + " mg/kg/h";
}
