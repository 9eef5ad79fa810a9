namespace InfusionAudit.Domain.Units;

/// <summary>A fluid volume, in millilitres.</summary>
/// <remarks>Valid range: 0 to 1e9 millilitres. Not-a-number and infinities are rejected.</remarks>
public readonly struct Volume : IEquatable<Volume>, IComparable<Volume>
{
    private readonly double value;

    private Volume(double value) => this.value = value;

    /// <summary>The smallest representable value.</summary>
    public static Volume MinValue { get; } = new(0);

    /// <summary>The largest representable value.</summary>
    public static Volume MaxValue { get; } = new(1e9);

    /// <summary>Zero.</summary>
    public static Volume Zero { get; } = new(0);

    /// <summary>The value in millilitres.</summary>
    public double Millilitres => value;

    /// <summary>Creates a value from millilitres.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or is outside the valid range.</exception>
    public static Volume FromMillilitres(double value)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1e9)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Must be a finite number from 0 to 1e9 millilitres.");
        }

        return new Volume(value);
    }

    public static Volume operator +(Volume left, Volume right) => FromMillilitres(left.value + right.value);


    public static bool operator ==(Volume left, Volume right) => left.Equals(right);

    public static bool operator !=(Volume left, Volume right) => !left.Equals(right);

    public static bool operator <(Volume left, Volume right) => left.value < right.value;

    public static bool operator >(Volume left, Volume right) => left.value > right.value;

    public static bool operator <=(Volume left, Volume right) => left.value <= right.value;

    public static bool operator >=(Volume left, Volume right) => left.value >= right.value;

    public bool Equals(Volume other) => value.Equals(other.value);

    public override bool Equals(object? obj) => obj is Volume other && Equals(other);

    public override int GetHashCode() => value.GetHashCode();

    public int CompareTo(Volume other) => value.CompareTo(other.value);

    /// <summary>The value with its unit, at clinical precision (<see cref="ShownPrecision"/>).</summary>
    public override string ToString() => Rules.Text.Number(value, ShownPrecision.Ml) + " mL";
}
