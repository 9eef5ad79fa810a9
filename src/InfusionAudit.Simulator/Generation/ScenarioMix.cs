using System.Globalization;

namespace InfusionAudit.Simulator.Generation;

/// <summary>Relative weights with which the generator picks each session's <see cref="Scenario"/>.</summary>
public sealed record ScenarioMix
{
    private readonly IReadOnlyList<KeyValuePair<Scenario, int>> _weights;

    private ScenarioMix(IReadOnlyList<KeyValuePair<Scenario, int>> weights)
    {
        _weights = weights;
        Total = weights.Sum(w => w.Value);
    }

    /// <summary>A day without deliberate faults: mostly IV, some intranasal, a few subcutaneous.</summary>
    public static ScenarioMix Clinical { get; } = From(
        (Scenario.StandardIv, 6), (Scenario.Intranasal, 3), (Scenario.Subcutaneous, 1));

    /// <summary>Clean sessions plus one weight for each fault, so that a dozen sessions show several of them.</summary>
    public static ScenarioMix WithFaults { get; } = From(
        (Scenario.StandardIv, 3), (Scenario.Intranasal, 2), (Scenario.Subcutaneous, 1),
        (Scenario.WrongRate, 1), (Scenario.FastInfusion, 1), (Scenario.HypertensiveCrisis, 1), (Scenario.SevereAdverseEffect, 1),
        (Scenario.PumpMismatch, 1), (Scenario.LongPause, 1), (Scenario.ShortObservation, 1),
        (Scenario.Duplicates, 1), (Scenario.Reordering, 1), (Scenario.BadFields, 1),
        (Scenario.PumpRunsOn, 1), (Scenario.PumpClock1970, 1), (Scenario.CriticalAtCompletion, 1),
        (Scenario.LaterSessionFirst, 1));

    /// <summary>The throughput benchmark's mix: the two common protocols, no faults.</summary>
    public static ScenarioMix Load { get; } = From((Scenario.StandardIv, 3), (Scenario.Intranasal, 2));

    /// <summary>Sum of the weights.</summary>
    public int Total { get; }

    /// <summary>Scenarios with a positive weight, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<Scenario, int>> Weights => _weights;

    /// <summary>
    /// True for a list of names without weights (<c>--scenarios WrongRate,FastInfusion</c>): the user asked to see each
    /// of them, so the day's first sessions play them in order, one each, before the weights draw the rest.
    /// </summary>
    public bool EachAtLeastOnce { get; private init; }

    /// <summary>Builds a mix; zero weights are dropped, negative ones refused.</summary>
    public static ScenarioMix From(params (Scenario Scenario, int Weight)[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var merged = new SortedDictionary<Scenario, int>();
        foreach (var (scenario, weight) in weights)
        {
            if (!Enum.IsDefined(scenario))
            {
                throw new ArgumentException($"Unknown scenario {scenario}.", nameof(weights));
            }

            if (weight < 0)
            {
                throw new ArgumentException($"Weight of {scenario} is negative.", nameof(weights));
            }

            merged[scenario] = merged.GetValueOrDefault(scenario) + weight;
        }

        var positive = merged.Where(w => w.Value > 0).ToList();
        if (positive.Count == 0)
        {
            throw new ArgumentException("A scenario mix needs at least one positive weight.", nameof(weights));
        }

        return new ScenarioMix(positive);
    }

    /// <summary>Parses <c>StandardIv=6,Intranasal=3,WrongRate</c> (names case-insensitive; a bare name weighs 1).</summary>
    public static ScenarioMix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var items = new List<(Scenario, int)>();
        var weighted = false;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (!Enum.TryParse<Scenario>(pieces[0], ignoreCase: true, out var scenario) || !Enum.IsDefined(scenario)
                || int.TryParse(pieces[0], CultureInfo.InvariantCulture, out _))
            {
                throw new FormatException(
                    $"Unknown scenario '{pieces[0]}'. Known: {string.Join(", ", Enum.GetNames<Scenario>())}.");
            }

            var weight = 1;
            weighted |= pieces.Length == 2;
            if (pieces.Length == 2 && !int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out weight))
            {
                throw new FormatException($"Weight of '{pieces[0]}' must be a whole number ≥ 0, not '{pieces[1]}'.");
            }

            items.Add((scenario, weight));
        }

        return From([.. items]) with { EachAtLeastOnce = !weighted };
    }

    /// <summary>Picks a scenario with probability proportional to its weight.</summary>
    public Scenario Pick(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var ticket = random.Next(Total);
        foreach (var (scenario, weight) in _weights)
        {
            if (ticket < weight)
            {
                return scenario;
            }

            ticket -= weight;
        }

        throw new InvalidOperationException("Unreachable: the ticket is below the total weight.");
    }

    /// <inheritdoc />
    public override string ToString() => EachAtLeastOnce ? string.Join(",", _weights.Select(w => w.Key)) : string.Join(",", _weights.Select(w => $"{w.Key}={w.Value}"));

    /// <inheritdoc />
    public bool Equals(ScenarioMix? other) => other is not null && ToString() == other.ToString();

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
