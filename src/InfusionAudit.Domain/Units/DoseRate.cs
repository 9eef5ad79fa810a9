using System.Globalization;

namespace InfusionAudit.Domain.Units;

/// <summary>A drug delivery rate, in milligrams per hour.</summary>
/// <remarks>Valid range: 0 to 1e9 milligrams per hour. Not-a-number and infinities are rejected.</remarks>
public readonly struct DoseRate : IEquatable<DoseRate>, IComparable<DoseRate>
{
    private readonly double value;

    private DoseRate(double value) => this.value = value;

    /// <summary>The smallest representable value.</summary>
    public static DoseRate MinValue { get; } = new(0);

    /// <summary>The largest representable value.</summary>
    public static DoseRate MaxValue { get; } = new(1e9);

    /// <summary>Zero.</summary>
    public static DoseRate Zero { get; } = new(0);

    /// <summary>The value in milligrams per hour.</summary>
    public double MilligramsPerHour => value;

    /// <summary>Creates a value from milligrams per hour.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or is outside the valid range.</exception>
    public static DoseRate FromMilligramsPerHour(double value)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1e9)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Must be a finite number from 0 to 1e9 milligrams per hour.");
        }

        return new DoseRate(value);
    }

    public static DoseRate operator +(DoseRate left, DoseRate right) => FromMilligramsPerHour(left.value + right.value);


    public static bool operator ==(DoseRate left, DoseRate right) => left.Equals(right);

    public static bool operator !=(DoseRate left, DoseRate right) => !left.Equals(right);

    public static bool operator <(DoseRate left, DoseRate right) => left.value < right.value;

    public static bool operator >(DoseRate left, DoseRate right) => left.value > right.value;

    public static bool operator <=(DoseRate left, DoseRate right) => left.value <= right.value;

    public static bool operator >=(DoseRate left, DoseRate right) => left.value >= right.value;

    public bool Equals(DoseRate other) => value.Equals(other.value);

    public override bool Equals(object? obj) => obj is DoseRate other && Equals(other);

    public override int GetHashCode() => value.GetHashCode();

    public int CompareTo(DoseRate other) => value.CompareTo(other.value);

    public override string ToString() => value.ToString("0.###", CultureInfo.InvariantCulture) + " mg/h";
}
