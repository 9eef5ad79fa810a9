using System.Globalization;

namespace InfusionAudit.AlertLatency;

/// <summary>Command line: <c>--storage CS [--rate 200] [--seconds 120] [--warmup 10] [--probe-every-ms 1000] [--batch 20] [--per-session 4] [--events-queue Q] [--alerts-queue Q]</c>.</summary>
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
    private static readonly string[] Known =
        ["--storage", "--rate", "--seconds", "--warmup", "--probe-every-ms", "--batch", "--per-session", "--events-queue", "--alerts-queue"];

    /// <summary>Reads the options; every option needs its value, and every number must be positive (the warm-up may be 0).</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value, or has an unusable one.</exception>
    public static LatencyOptions Parse(string[] args)
    {
        // A misspelt or valueless option would otherwise leave its default in place and measure something else.
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!Known.Contains(args[i], StringComparer.Ordinal))
            {
                throw new ArgumentException($"unknown option '{args[i]}'; known: {string.Join(", ", Known)}.");
            }

            values[args[i]] = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
        }

        double Number(string name, double fallback, bool zeroAllowed = false)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && double.IsFinite(value) && (value > 0 || (zeroAllowed && value == 0))
                    ? value
                    : throw new ArgumentException($"{name} must be a {(zeroAllowed ? "non-negative" : "positive")} number, not '{text}'.");
        }

        int Count(string name, int fallback)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new ArgumentException($"{name} must be a positive whole number, not '{text}'.");
        }

        return new LatencyOptions(
            values.GetValueOrDefault("--storage") ?? Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") ?? throw new ArgumentException("--storage (or AZURITE_CONNECTION_STRING) is required."),
            Number("--rate", 200),
            TimeSpan.FromSeconds(Number("--seconds", 120)),
            TimeSpan.FromMilliseconds(Number("--probe-every-ms", 1000)),
            Count("--batch", 20),
            Count("--per-session", 4),
            values.GetValueOrDefault("--events-queue") ?? "infusion-events",
            values.GetValueOrDefault("--alerts-queue") ?? "alerts-outbound",
            TimeSpan.FromSeconds(Number("--warmup", 10, zeroAllowed: true)));
    }
}
