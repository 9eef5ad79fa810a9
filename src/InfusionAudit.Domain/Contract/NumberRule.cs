namespace InfusionAudit.Domain.Contract;

/// <summary>The range of one numeric field: a minimum (inclusive or exclusive) and an inclusive maximum.</summary>
/// <remarks>
/// Most maxima are not contract bounds but the largest value the unit types can represent (<c>BodyWeight.MaxValue</c>...):
/// the contract says "&gt; 0", and a weight of 1e5 kg cannot reach the domain, so it is rejected here, with a reason,
/// rather than thrown later. The JSON Schema carries the same maxima.
/// </remarks>
internal sealed record NumberRule(double Minimum, bool MinimumIsExclusive, double Maximum)
{
    /// <summary>Any finite number: readings whose plausibility is a clinical rule, not a contract one.</summary>
    public static NumberRule Finite { get; } = new(-double.MaxValue, false, double.MaxValue);

    /// <summary>Greater than zero, at most <paramref name="maximum"/>.</summary>
    public static NumberRule Positive(double maximum) => new(0, true, maximum);

    /// <summary>Zero or more, at most <paramref name="maximum"/>.</summary>
    public static NumberRule NonNegative(double maximum) => new(0, false, maximum);
}
