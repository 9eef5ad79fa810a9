namespace InfusionAudit.Simulator.Load;

/// <summary>What the pipeline benchmark sends and how long it waits.</summary>
public sealed record LoadOptions
{
    /// <summary>Events to send at least (whole sessions are sent, so the count is rounded up to the last session's end).</summary>
    public int Events { get; init; } = 20_000;

    /// <summary>Events per message.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Treatment chairs (sessions running at once); null: <see cref="DefaultChairs"/>.</summary>
    public int? Chairs { get; init; }

    /// <summary>Monitor streaming interval of every session (<see cref="Generation.ClinicDayOptions.MonitorEvery"/>); null: sparse vitals.</summary>
    public TimeSpan? MonitorEvery { get; init; }

    /// <summary>What pumps and monitors speak: all JSON, or their events as HL7 (the tablet's stay JSON).</summary>
    public Hl7.DeviceFormat DeviceFormat { get; init; } = Hl7.DeviceFormat.Json;

    /// <summary>Clinic id of the simulated sessions.</summary>
    public string ClinicId { get; init; } = "load-01";

    /// <summary>Seed of the generator.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Device time of the first session.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Prefix that keeps this run's ids apart from every earlier run.</summary>
    public required string RunId { get; init; }

    /// <summary>How long to wait, from the first send, for the host to receive every event.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Time between counter polls; also the resolution of the end-to-end time.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Messages in flight.</summary>
    public int MaxInFlight { get; init; } = Transport.MessageDispatcher.DefaultMaxInFlight;

    /// <summary>The chairs used when <see cref="Chairs"/> is null.</summary>
    /// <remarks>Enough chairs that a run of any size spans about a working day of device time (at ~11 events a session).</remarks>
    public static int DefaultChairs(int events) => Math.Clamp(events / 400, 6, Generation.ClinicDayOptions.MaxChairs);
}
