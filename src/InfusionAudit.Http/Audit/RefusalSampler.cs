using InfusionAudit.Application.Audit;

namespace InfusionAudit.Http.Audit;

/// <summary>
/// Decides which refused audit reads (401, 403) get an access-log row: within each minute, the 1st, 2nd, 4th, 8th...
/// refusal of one caller on one route with one status. A flood of a million refusals in a minute leaves about 20
/// rows per (caller, route, status); every refusal is still counted by the <c>infusionaudit.access.refused</c> metric.
/// </summary>
/// <remarks>
/// Unauthenticated callers are all <c>anonymous</c>, and routes are templates, so the keys are few whatever a client
/// sends; the table is still capped, and starts over when full (at worst a few more rows, never fewer than one per
/// window). Thread-safe.
/// </remarks>
public sealed class RefusalSampler(TimeProvider clock)
{
    private const int MaxKeys = 4096;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<(string Caller, string Route, int Status), (DateTimeOffset Start, long Count)> windows = [];

    private readonly Lock gate = new();

    /// <summary>Counts this refusal and says whether it is one to record.</summary>
    public bool ShouldRecord(string caller, string route, int status)
    {
        var now = clock.GetUtcNow();
        var key = (caller, route, status);
        lock (gate)
        {
            if (!windows.TryGetValue(key, out var window) || now - window.Start >= Window)
            {
                if (windows.Count >= MaxKeys)
                {
                    windows.Clear();
                }

                window = (now, 0);
            }

            window.Count++;
            windows[key] = window;
            return (window.Count & (window.Count - 1)) == 0;
        }
    }
}
