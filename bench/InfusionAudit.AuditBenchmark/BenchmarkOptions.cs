using System.Globalization;

namespace InfusionAudit.AuditBenchmark;

/// <summary>Command line: <c>--sessions 10000 --days 30 --parallel 16 --lookups 200 --pages 100 --reports 20 [--clinic id] [--skip-generate]</c>.</summary>
internal sealed record BenchmarkOptions
{
    public int Sessions { get; init; } = 10_000;

    public int Days { get; init; } = 30;

    public int Parallel { get; init; } = 16;

    public int Lookups { get; init; } = 200;

    public int Pages { get; init; } = 100;

    public int Reports { get; init; } = 20;

    /// <summary>Clinic id; a fresh one per run unless given (with <see cref="SkipGenerate"/> to query an earlier run's month).</summary>
    public string Clinic { get; init; } = "bench-" + Guid.NewGuid().ToString("N")[..8];

    public bool SkipGenerate { get; init; }

    /// <summary>Storage connection string; default the AZURITE_CONNECTION_STRING that scripts/lib/azurite.sh exports.</summary>
    public string Storage { get; init; } = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") ?? "UseDevelopmentStorage=true";

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--sessions" => options with { Sessions = Number() },
                "--days" => options with { Days = Number() },
                "--parallel" => options with { Parallel = Number() },
                "--lookups" => options with { Lookups = Number() },
                "--pages" => options with { Pages = Number() },
                "--reports" => options with { Reports = Number() },
                "--clinic" => options with { Clinic = Next() },
                "--storage" => options with { Storage = Next() },
                "--skip-generate" => options with { SkipGenerate = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }
}
