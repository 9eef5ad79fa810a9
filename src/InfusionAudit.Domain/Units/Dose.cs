namespace InfusionAudit.Domain.Units;

/// <summary>An amount of drug, in milligrams.</summary>
/// <remarks>Valid range: 0 to 1e9 milligrams. Not-a-number and infinities are rejected.</remarks>
public readonly struct Dose : IEquatable<Dose>, IComparable<Dose>
{
    private readonly double value;

    private Dose(double value) => this.value = value;

    /// <summary>The smallest representable value.</summary>
    public static Dose MinValue { get; } = new(0);

    /// <summary>The largest representable value.</summary>
    public static Dose MaxValue { get; } = new(1e9);

    /// <summary>Zero.</summary>
    public static Dose Zero { get; } = new(0);

    /// <summary>The value in milligrams.</summary>
    public double Milligrams => value;

    /// <summary>Creates a value from milligrams.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or is outside the valid range.</exception>
    public static Dose FromMilligrams(double value)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1e9)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Must be a finite number from 0 to 1e9 milligrams.");
        }

        return new Dose(value);
    }

    public static Dose operator +(Dose left, Dose right) => FromMilligrams(left.value + right.value);


    public static bool operator ==(Dose left, Dose right) => left.Equals(right);

    public static bool operator !=(Dose left, Dose right) => !left.Equals(right);

    public static bool operator <(Dose left, Dose right) => left.value < right.value;

    public static bool operator >(Dose left, Dose right) => left.value > right.value;

    public static bool operator <=(Dose left, Dose right) => left.value <= right.value;

    public static bool operator >=(Dose left, Dose right) => left.value >= right.value;

    public bool Equals(Dose other) => value.Equals(other.value);

    public override bool Equals(object? obj) => obj is Dose other && Equals(other);

    public override int GetHashCode() => value.GetHashCode();

    public int CompareTo(Dose other) => value.CompareTo(other.value);

    /// <summary>The value with its unit, at clinical precision (<see cref="ShownPrecision"/>).</summary>
    public override string ToString() => Rules.Text.Number(value, ShownPrecision.Mg) + " mg";
}
