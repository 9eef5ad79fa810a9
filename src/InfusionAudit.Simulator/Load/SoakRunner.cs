using InfusionAudit.Simulator.Batching;
using InfusionAudit.Simulator.Generation;
using InfusionAudit.Simulator.Transport;

namespace InfusionAudit.Simulator.Load;

/// <summary>
/// The soak: offers clean clinic days at a steady rate for a long time, samples the queue backlog, the host's memory
/// and its ingest latency while it runs, then waits for the host to drain.
/// </summary>
/// <param name="sender">Transport for the events.</param>
/// <param name="counters">The host's counters.</param>
/// <param name="backlog">The event queue's backlog.</param>
/// <param name="onSample">Told of every sample as it is taken (progress lines).</param>
/// <param name="time">Clock for the pacing and every timing.</param>
/// <param name="hostProcess">The host's process when it runs on this machine (its CPU is sampled); null: not sampled.</param>
/// <param name="storageProcess">The storage emulator's process when it runs on this machine; null: not sampled.</param>
public sealed class SoakRunner(
    IMessageSender sender,
    CountersClient counters,
    QueueBacklogProbe backlog,
    Action<SoakSample> onSample,
    TimeProvider time,
    ProcessProbe? hostProcess = null,
    ProcessProbe? storageProcess = null)
{
    private ProcessReading? _hostReading;
    private ProcessReading? _storageReading;

    private long _eventsSent;
    private long _messagesSent;
    private int _sendFailures;

    public async Task<SoakReport> RunAsync(SoakOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.EventsPerSecond, 1);
        var before = await counters.GetAsync(cancellationToken);
        await sender.PrepareAsync(cancellationToken);
        _hostReading = hostProcess?.Read();
        _storageReading = storageProcess?.Read();

        var samples = new List<SoakSample>();
        var started = time.GetTimestamp();
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampling = SampleAsync(before, started, options.SampleEvery, samples, stopSampling.Token);

        await (options.Live ? SendLiveAsync(options, started, cancellationToken) : SendPacedAsync(options, started, cancellationToken));
        var sendDuration = time.GetElapsedTime(started);

        TimeSpan? drain = null;
        PipelineCounters latest;
        while (true)
        {
            latest = await counters.GetAsync(cancellationToken);
            var since = time.GetElapsedTime(started) - sendDuration;
            if (latest.EventsReceived - before.EventsReceived >= Interlocked.Read(ref _eventsSent))
            {
                drain = since;
                break;
            }

            if (since >= options.DrainTimeout)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }

        await stopSampling.CancelAsync();
        await sampling;
        samples.Add(await SampleOnceAsync(before, latest, started, null, cancellationToken));
        return new SoakReport(options, samples, _eventsSent, _messagesSent, _sendFailures, sendDuration, drain, latest.Since(before));
    }

    private async Task SendPacedAsync(SoakOptions options, long started, CancellationToken cancellationToken)
    {
        using var inFlight = new SemaphoreSlim(options.MaxInFlight);
        var sends = new List<Task>();
        long scheduled = 0;
        var chunk = 0;
        while (time.GetElapsedTime(started) < options.Duration)
        {
            foreach (var message in NextChunk(options, chunk++))
            {
                // Message n leaves when the events before it are due at the asked rate: an even stream, not bursts.
                var due = TimeSpan.FromSeconds((double)scheduled / options.EventsPerSecond);
                var wait = due - time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }

                if (time.GetElapsedTime(started) >= options.Duration)
                {
                    break;
                }

                scheduled += message.EventCount;
                await inFlight.WaitAsync(cancellationToken);
                sends.Add(SendOneAsync(message, inFlight, cancellationToken));
                sends.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(sends);
    }

    /// <summary>Every <see cref="SoakOptions.FlushEvery"/>, sends what the live clinics made due since the last flush.</summary>
    private async Task SendLiveAsync(SoakOptions options, long started, CancellationToken cancellationToken)
    {
        var start = time.GetUtcNow();
        var feed = new LiveFeed(options, start, start + options.Duration);
        using var inFlight = new SemaphoreSlim(options.MaxInFlight);
        var sends = new List<Task>();
        for (var flush = 1; ; flush++)
        {
            var wait = (options.FlushEvery * flush) - time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            var last = time.GetElapsedTime(started) >= options.Duration;
            foreach (var message in feed.Due(last ? start + options.Duration : time.GetUtcNow()))
            {
                await inFlight.WaitAsync(cancellationToken);
                sends.Add(SendOneAsync(message, inFlight, cancellationToken));
            }

            sends.RemoveAll(t => t.IsCompleted);
            if (last)
            {
                break;
            }
        }

        await Task.WhenAll(sends);
    }

    private async Task SendOneAsync(OutgoingMessage message, SemaphoreSlim inFlight, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await sender.SendAsync(message, cancellationToken);
            Interlocked.Add(ref _eventsSent, outcome.Events);
            Interlocked.Increment(ref _messagesSent);
        }
        catch (SendFailedException)
        {
            Interlocked.Increment(ref _sendFailures);
        }
        finally
        {
            inFlight.Release();
        }
    }

    /// <summary>
    /// One chunk's worth of messages: a clinic day of its own (clinic ids and id prefixes hold 16 characters: the run id's
    /// tail and the chunk), so device times stay within a day however long the run.
    /// </summary>
    private static List<OutgoingMessage> NextChunk(SoakOptions options, int chunk)
    {
        var events = (long)(options.EventsPerSecond * options.ChunkEvery.TotalSeconds);
        var generator = new ClinicDayGenerator(new ClinicDayOptions
        {
            ClinicId = $"{RunTail(options)}-{chunk:D3}",
            Start = options.Start,
            Seed = options.Seed + chunk,
            Sessions = null,
            Chairs = options.Chairs,
            Mix = ScenarioMix.Load,
            IdPrefix = $"{RunTail(options)}.{chunk:D3}.",
            MonitorEvery = options.MonitorEvery,
        });

        var sessions = new List<GeneratedSession>();
        long total = 0;
        foreach (var session in generator.Generate())
        {
            sessions.Add(session);
            total += session.Events.Count;
            if (total >= events)
            {
                break;
            }
        }

        return [.. new Batcher(new BatcherOptions { MaxEvents = options.BatchSize, FlushWindow = null }).Batch(sessions)];
    }

    private static string RunTail(SoakOptions options) => options.RunId[Math.Max(0, options.RunId.Length - 10)..];

    private async Task SampleAsync(PipelineCounters before, long started, TimeSpan every, List<SoakSample> samples, CancellationToken cancellationToken)
    {
        var previous = before;
        try
        {
            while (true)
            {
                await Task.Delay(every, time, cancellationToken);
                PipelineCounters reading;
                try
                {
                    reading = await counters.GetAsync(cancellationToken);
                }
                catch (HttpRequestException)
                {
                    // A host too busy to answer in time is itself a finding of the soak: the sample is missing, not the run.
                    continue;
                }

                var sample = await SampleOnceAsync(before, reading, started, previous, cancellationToken);
                previous = reading;
                lock (samples)
                {
                    samples.Add(sample);
                }

                onSample(sample);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private async Task<SoakSample> SampleOnceAsync(
        PipelineCounters before, PipelineCounters reading, long started, PipelineCounters? previous, CancellationToken cancellationToken)
    {
        var queued = await backlog.ReadAsync(cancellationToken);
        var window = reading.IngestLatency is { } latency ? LatencyReading.Between(previous?.IngestLatency, latency) : null;
        const double MiB = 1024 * 1024;
        var hostNow = hostProcess?.Read();
        var storageNow = storageProcess?.Read();
        var hostCpu = hostProcess?.CpuPercent(_hostReading, hostNow);
        var storageCpu = storageProcess?.CpuPercent(_storageReading, storageNow);
        _hostReading = hostNow ?? _hostReading;
        _storageReading = storageNow ?? _storageReading;
        return new SoakSample(
            time.GetElapsedTime(started),
            Interlocked.Read(ref _eventsSent),
            reading.EventsReceived - before.EventsReceived,
            queued,
            reading.WorkingSetBytes / MiB,
            reading.ManagedHeapBytes / MiB,
            window is { Count: > 0 } ? window.P99Ms : null,
            hostCpu,
            storageCpu,
            storageNow is null ? null : storageNow.ResidentBytes / MiB);
    }
}
