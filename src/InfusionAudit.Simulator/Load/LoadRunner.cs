using InfusionAudit.Simulator.Batching;
using InfusionAudit.Simulator.Generation;
using InfusionAudit.Simulator.Terminal;
using InfusionAudit.Simulator.Transport;

namespace InfusionAudit.Simulator.Load;

/// <summary>
/// The pipeline benchmark: reads the host's counters, sends a burst of clean sessions as fast as the transport takes
/// them, then polls the counters until the host has received every event, and reports rates and storage round trips.
/// </summary>
/// <param name="sender">Transport for the events.</param>
/// <param name="counters">The host's counters.</param>
/// <param name="progress">Progress display.</param>
/// <param name="time">Clock for every timing.</param>
public sealed class LoadRunner(IMessageSender sender, CountersClient counters, IProgressDisplay progress, TimeProvider time)
{
    /// <summary>Generates the run's sessions: whole sessions until at least <paramref name="options"/>' event count.</summary>
    public static List<GeneratedSession> GenerateSessions(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Events, 1);

        var generator = new ClinicDayGenerator(new ClinicDayOptions
        {
            ClinicId = options.ClinicId,
            Start = options.Start,
            Seed = options.Seed,
            Sessions = null,
            Chairs = options.Chairs ?? LoadOptions.DefaultChairs(options.Events),
            Mix = ScenarioMix.Load,
            IdPrefix = options.RunId,
            MonitorEvery = options.MonitorEvery,
        });

        var sessions = new List<GeneratedSession>();
        long events = 0;
        foreach (var session in generator.Generate())
        {
            sessions.Add(session);
            events += session.Events.Count;
            if (events >= options.Events)
            {
                break;
            }
        }

        return sessions;
    }

    /// <summary>Runs the benchmark.</summary>
    /// <exception cref="HttpRequestException">The counters could not be read before sending.</exception>
    /// <exception cref="SendFailedException">The transport is unusable.</exception>
    public async Task<LoadReport> RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var before = await counters.GetAsync(cancellationToken);

        var sessions = GenerateSessions(options);
        var batcher = new Batcher(new BatcherOptions { MaxEvents = options.BatchSize, FlushWindow = null });
        var messages = Hl7.DeviceMessages.Pack(batcher, [.. Batcher.ForwardingOrder(sessions)], options.DeviceFormat);
        var total = messages.Sum(m => (long)m.EventCount);

        await sender.PrepareAsync(cancellationToken);
        var dispatcher = new MessageDispatcher(sender, options.MaxInFlight, time);
        var sendStarted = time.GetTimestamp();
        var sent = await progress.RunAsync("sending", total, p => dispatcher.SendAllAsync(messages, p, cancellationToken));

        if (sent.Aborted)
        {
            throw new SendFailedException(sent.FirstError ?? "Sending stopped.", fatal: true);
        }

        // Only what was delivered can be waited for.
        var target = sent.Events;
        var (latest, endToEnd) = await progress.RunAsync("received by host", target, async p =>
        {
            while (true)
            {
                var reading = await counters.GetAsync(cancellationToken);
                var received = reading.EventsReceived - before.EventsReceived;
                p.Report(received);
                if (received >= target)
                {
                    return (reading, (TimeSpan?)time.GetElapsedTime(sendStarted));
                }

                if (time.GetElapsedTime(sendStarted) >= options.Timeout)
                {
                    return (reading, (TimeSpan?)null);
                }

                await Task.Delay(options.PollInterval, time, cancellationToken);
            }
        });

        return new LoadReport(
            options.RunId,
            sessions.Count,
            sent.Events,
            sent.Messages,
            options.BatchSize,
            sent.Duration,
            endToEnd,
            latest.Since(before),
            TimedOut: endToEnd is null,
            sent.FailedMessages,
            EventsPerSession: sessions.Count > 0 ? (double)total / sessions.Count : 0,
            SessionsPerMessage: messages.Count > 0 ? messages.Average(m => (double)m.SessionCount) : 0);
    }
}
