namespace InfusionAudit.Domain.Units;

/// <summary>Drug concentration of an infusion, in milligrams per millilitre.</summary>
/// <remarks>Valid range: 0 to 1e6 milligrams per millilitre. Not-a-number and infinities are rejected.</remarks>
public readonly struct Concentration : IEquatable<Concentration>, IComparable<Concentration>
{
    private readonly double value;

    private Concentration(double value) => this.value = value;

    /// <summary>The smallest representable value.</summary>
    public static Concentration MinValue { get; } = new(0);

    /// <summary>The largest representable value.</summary>
    public static Concentration MaxValue { get; } = new(1e6);

    /// <summary>Zero.</summary>
    public static Concentration Zero { get; } = new(0);

    /// <summary>The value in milligrams per millilitre.</summary>
    public double MilligramsPerMillilitre => value;

    /// <summary>Creates a value from milligrams per millilitre.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or is outside the valid range.</exception>
    public static Concentration FromMilligramsPerMillilitre(double value)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1e6)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Must be a finite number from 0 to 1e6 milligrams per millilitre.");
        }

        return new Concentration(value);
    }

    public static Concentration operator +(Concentration left, Concentration right) => FromMilligramsPerMillilitre(left.value + right.value);


    public static bool operator ==(Concentration left, Concentration right) => left.Equals(right);

    public static bool operator !=(Concentration left, Concentration right) => !left.Equals(right);

    public static bool operator <(Concentration left, Concentration right) => left.value < right.value;

    public static bool operator >(Concentration left, Concentration right) => left.value > right.value;

    public static bool operator <=(Concentration left, Concentration right) => left.value <= right.value;

    public static bool operator >=(Concentration left, Concentration right) => left.value >= right.value;

    public bool Equals(Concentration other) => value.Equals(other.value);

    public override bool Equals(object? obj) => obj is Concentration other && Equals(other);

    public override int GetHashCode() => value.GetHashCode();

    public int CompareTo(Concentration other) => value.CompareTo(other.value);

    /// <summary>The value with its unit, at clinical precision (<see cref="ShownPrecision"/>).</summary>
    public override string ToString() => Rules.Text.Number(value, ShownPrecision.MgPerMl) + " mg/mL";
}
