namespace InfusionAudit.Domain.Units;

/// <summary>A pump rate as volume per time, in millilitres per hour.</summary>
/// <remarks>Valid range: 0 to 1e6 millilitres per hour. Not-a-number and infinities are rejected.</remarks>
public readonly struct VolumeRate : IEquatable<VolumeRate>, IComparable<VolumeRate>
{
    private readonly double value;

    private VolumeRate(double value) => this.value = value;

    /// <summary>The smallest representable value.</summary>
    public static VolumeRate MinValue { get; } = new(0);

    /// <summary>The largest representable value.</summary>
    public static VolumeRate MaxValue { get; } = new(1e6);

    /// <summary>Zero.</summary>
    public static VolumeRate Zero { get; } = new(0);

    /// <summary>The value in millilitres per hour.</summary>
    public double MillilitresPerHour => value;

    /// <summary>Creates a value from millilitres per hour.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or is outside the valid range.</exception>
    public static VolumeRate FromMillilitresPerHour(double value)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1e6)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Must be a finite number from 0 to 1e6 millilitres per hour.");
        }

        return new VolumeRate(value);
    }

    public static VolumeRate operator +(VolumeRate left, VolumeRate right) => FromMillilitresPerHour(left.value + right.value);


    public static bool operator ==(VolumeRate left, VolumeRate right) => left.Equals(right);

    public static bool operator !=(VolumeRate left, VolumeRate right) => !left.Equals(right);

    public static bool operator <(VolumeRate left, VolumeRate right) => left.value < right.value;

    public static bool operator >(VolumeRate left, VolumeRate right) => left.value > right.value;

    public static bool operator <=(VolumeRate left, VolumeRate right) => left.value <= right.value;

    public static bool operator >=(VolumeRate left, VolumeRate right) => left.value >= right.value;

    public bool Equals(VolumeRate other) => value.Equals(other.value);

    public override bool Equals(object? obj) => obj is VolumeRate other && Equals(other);

    public override int GetHashCode() => value.GetHashCode();

    public int CompareTo(VolumeRate other) => value.CompareTo(other.value);

    /// <summary>The value with its unit, at clinical precision (<see cref="ShownPrecision"/>).</summary>
    public override string ToString() => Rules.Text.Number(value, ShownPrecision.MlPerHour) + " mL/h";
}
