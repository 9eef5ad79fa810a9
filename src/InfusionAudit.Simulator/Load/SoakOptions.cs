namespace InfusionAudit.Simulator.Load;

/// <summary>What the soak run sends, for how long, and what it holds the host to.</summary>
public sealed record SoakOptions
{
    /// <summary>Events per second offered to the host, paced evenly (not a burst).</summary>
    public int EventsPerSecond { get; init; } = 1_000;

    /// <summary>How long events are offered.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Events per message.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Messages in flight at most.</summary>
    public int MaxInFlight { get; init; } = Transport.MessageDispatcher.DefaultMaxInFlight;

    /// <summary>Time between two samples of backlog, memory and latency.</summary>
    public TimeSpan SampleEvery { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait, after the last send, for the host to receive every event.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Sessions are generated this many seconds of sending at a time, each chunk as its own clinic's day.</summary>
    /// <remarks>A new clinic per chunk keeps device times within one day however long the soak runs.</remarks>
    public TimeSpan ChunkEvery { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Treatment chairs per clinic day.</summary>
    public int Chairs { get; init; } = 50;

    /// <summary>Monitor streaming interval (the dense clinic profile); null: sparse vitals.</summary>
    public TimeSpan? MonitorEvery { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Seed of the generator.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Device time of each clinic day's first session.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Prefix of this run's clinic and session ids.</summary>
    public required string RunId { get; init; }

    /// <summary>
    /// Events dated as they are sent (<see cref="LiveFeed"/>): clinics streaming live, each clinic's gateway sending what
    /// became due every <see cref="FlushEvery"/>. False: clean clinic days of yesterday replayed at the asked rate.
    /// </summary>
    public bool Live { get; init; }

    /// <summary>Live: clinics played; null: as many as make <see cref="EventsPerSecond"/> with <see cref="Chairs"/> chairs at <see cref="MonitorEvery"/>.</summary>
    public int? Clinics { get; init; }

    /// <summary>Live: how often each clinic's gateway sends what became due.</summary>
    public TimeSpan FlushEvery { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Live: every chair's first patient starts within this many seconds of the start (the ramp to the full rate).</summary>
    public int LiveRampSeconds { get; init; } = 30;

    /// <summary>The host's working set must stay below this.</summary>
    public long MaxWorkingSetBytes { get; init; } = 300L * 1024 * 1024;

    /// <summary>
    /// The backlog is flat when its fitted growth over the sending period stays below this much input (seconds of
    /// offered events), and the host drains what is left within <see cref="MaxDrain"/> after the last send.
    /// </summary>
    public TimeSpan MaxBacklogGrowth { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>See <see cref="MaxBacklogGrowth"/>.</summary>
    public TimeSpan MaxDrain { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Samples of the first stretch (JIT, table creation, caches filling) are left out of the backlog fit.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(60);
}
