using System.Globalization;

namespace InfusionAudit.AlertLatency;

/// <summary>Command line: <c>--storage CS [--rate 200] [--seconds 120] [--probe-every-ms 1000] [--batch 20] [--per-session 4] [--events-queue Q] [--alerts-queue Q]</c>.</summary>
internal sealed record LatencyOptions(
    string Storage,
    double EventsPerSecond,
    TimeSpan Duration,
    TimeSpan ProbeInterval,
    int EventsPerMessage,
    int EventsPerSessionPerMessage,
    string EventsQueue,
    string AlertsQueue,
    TimeSpan Warmup)
{
    public static LatencyOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        double Number(string name, double fallback) => values.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new LatencyOptions(
            values.GetValueOrDefault("--storage") ?? Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") ?? throw new ArgumentException("--storage (or AZURITE_CONNECTION_STRING) is required."),
            Number("--rate", 200),
            TimeSpan.FromSeconds(Number("--seconds", 120)),
            TimeSpan.FromMilliseconds(Number("--probe-every-ms", 1000)),
            (int)Number("--batch", 20),
            (int)Number("--per-session", 4),
            values.GetValueOrDefault("--events-queue") ?? "infusion-events",
            values.GetValueOrDefault("--alerts-queue") ?? "alerts-outbound",
            TimeSpan.FromSeconds(Number("--warmup", 10)));
    }
}
