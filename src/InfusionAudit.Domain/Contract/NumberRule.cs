namespace InfusionAudit.Domain.Contract;

/// <summary>The range of one numeric field: a minimum (inclusive or exclusive) and an inclusive maximum.</summary>
/// <remarks>
/// Most maxima are not contract bounds but the largest value the unit types can represent (<c>BodyWeight.MaxValue</c>...):
/// the contract says "&gt; 0", and a weight of 1e5 kg cannot reach the domain, so it is rejected here, with a reason,
/// rather than thrown later. The JSON Schema carries the same maxima.
/// </remarks>
/// <param name="Floor">
/// An inclusive lower bound above an exclusive minimum of 0, for the fields other figures are divided by: the contract
/// says "&gt; 0", but a weight of 1e-300 kg makes every per-kilogram figure infinite, so it is rejected here instead.
/// </param>
internal sealed record NumberRule(double Minimum, bool MinimumIsExclusive, double Maximum, double Floor = double.NegativeInfinity)
{
    /// <summary>Any finite number: readings whose plausibility is a clinical rule, not a contract one.</summary>
    public static NumberRule Finite { get; } = new(-double.MaxValue, false, double.MaxValue);

    /// <summary>Greater than zero, at most <paramref name="maximum"/>.</summary>
    public static NumberRule Positive(double maximum) => new(0, true, maximum);

    /// <summary>Greater than zero, at least <paramref name="floor"/> and at most <paramref name="maximum"/>.</summary>
    public static NumberRule Divisor(double floor, double maximum) => new(0, true, maximum, floor);

    /// <summary>Zero or more, at most <paramref name="maximum"/>.</summary>
    public static NumberRule NonNegative(double maximum) => new(0, false, maximum);
}
