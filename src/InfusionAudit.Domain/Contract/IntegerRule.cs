using System.Globalization;

namespace InfusionAudit.Domain.Contract;

/// <summary>The inclusive range of one integer field.</summary>
internal sealed record IntegerRule(long Minimum, long Maximum)
{
    /// <summary>The sentence that says what the field accepts.</summary>
    public string Expectation =>
        Maximum == long.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"an integer of at least {Minimum} (at most {long.MaxValue})")
            : string.Create(CultureInfo.InvariantCulture, $"an integer from {Minimum} to {Maximum}");
}
