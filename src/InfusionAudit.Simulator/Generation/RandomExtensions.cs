namespace InfusionAudit.Simulator.Generation;

// Seeded draws in the units the scripts think in. System.Random with an explicit seed keeps its legacy algorithm
// across .NET versions, which is what makes a seed reproduce the same day on every machine.
internal static class RandomExtensions
{
    public static int Between(this Random random, int minInclusive, int maxInclusive) =>
        random.Next(minInclusive, maxInclusive + 1);

    public static TimeSpan Seconds(this Random random, int minInclusive, int maxInclusive) =>
        TimeSpan.FromSeconds(random.Between(minInclusive, maxInclusive));

    public static TimeSpan Minutes(this Random random, int minInclusive, int maxInclusive) =>
        TimeSpan.FromSeconds(random.Between(minInclusive * 60, maxInclusive * 60));

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static T OneOf<T>(this Random random, params T[] choices) => choices[random.Next(choices.Length)];

    /// <summary>A normal draw (Box–Muller), clamped: clinical values have hard physical bounds.</summary>
    public static double Normal(this Random random, double mean, double standardDeviation, double min, double max)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Math.Clamp(mean + (z * standardDeviation), min, max);
    }
}
