namespace InfusionAudit.Domain.Units;

/// <summary>A patient's body weight, in kilograms.</summary>
/// <remarks>Valid range: 0 to 1e4 kilograms. Not-a-number and infinities are rejected.</remarks>
public readonly struct BodyWeight : IEquatable<BodyWeight>, IComparable<BodyWeight>
{
    private readonly double value;

    private BodyWeight(double value) => this.value = value;

    /// <summary>The smallest representable value.</summary>
    public static BodyWeight MinValue { get; } = new(0);

    /// <summary>The largest representable value.</summary>
    public static BodyWeight MaxValue { get; } = new(1e4);

    /// <summary>Zero.</summary>
    public static BodyWeight Zero { get; } = new(0);

    /// <summary>The value in kilograms.</summary>
    public double Kilograms => value;

    /// <summary>Creates a value from kilograms.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or is outside the valid range.</exception>
    public static BodyWeight FromKilograms(double value)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1e4)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Must be a finite number from 0 to 1e4 kilograms.");
        }

        return new BodyWeight(value);
    }

    public static BodyWeight operator +(BodyWeight left, BodyWeight right) => FromKilograms(left.value + right.value);


    public static bool operator ==(BodyWeight left, BodyWeight right) => left.Equals(right);

    public static bool operator !=(BodyWeight left, BodyWeight right) => !left.Equals(right);

    public static bool operator <(BodyWeight left, BodyWeight right) => left.value < right.value;

    public static bool operator >(BodyWeight left, BodyWeight right) => left.value > right.value;

    public static bool operator <=(BodyWeight left, BodyWeight right) => left.value <= right.value;

    public static bool operator >=(BodyWeight left, BodyWeight right) => left.value >= right.value;

    public bool Equals(BodyWeight other) => value.Equals(other.value);

    public override bool Equals(object? obj) => obj is BodyWeight other && Equals(other);

    public override int GetHashCode() => value.GetHashCode();

    public int CompareTo(BodyWeight other) => value.CompareTo(other.value);

    /// <summary>The value with its unit, at clinical precision (<see cref="ShownPrecision"/>).</summary>
    public override string ToString() => Rules.Text.Number(value, ShownPrecision.Kg) + " kg";
}
