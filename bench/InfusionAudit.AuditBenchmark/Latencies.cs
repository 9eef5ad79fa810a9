namespace InfusionAudit.AuditBenchmark;

/// <summary>Latency samples of one query kind and the storage requests each took.</summary>
internal sealed class Latencies(string name)
{
    private readonly List<double> milliseconds = [];
    private readonly List<long> requests = [];

    public string Name { get; } = name;

    public int Count => milliseconds.Count;

    public void Add(TimeSpan elapsed, long storageRequests)
    {
        milliseconds.Add(elapsed.TotalMilliseconds);
        requests.Add(storageRequests);
    }

    public double Percentile(double p)
    {
        var sorted = milliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public double Max => milliseconds.Max();

    public (long Min, double Mean, long Max) Requests => (requests.Min(), requests.Average(), requests.Max());
}
