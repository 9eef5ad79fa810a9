using InfusionAudit.Simulator.Batching;

namespace InfusionAudit.Simulator.Transport;

/// <summary>Sends a list of messages with a bounded number in flight and totals the outcomes.</summary>
/// <param name="sender">Where messages go.</param>
/// <param name="maxInFlight">Messages sent concurrently.</param>
/// <param name="time">Clock for the timings.</param>
public sealed class MessageDispatcher(IMessageSender sender, int maxInFlight, TimeProvider time)
{
    /// <summary>The default number of messages in flight.</summary>
    public const int DefaultMaxInFlight = 8;

    /// <summary>Sends every message; failures are counted, not thrown, unless one is fatal, which stops the run.</summary>
    /// <param name="messages">Messages in sending order (concurrency reorders them slightly, as any gateway pool would).</param>
    /// <param name="progress">Receives the number of events sent so far.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    public async Task<DispatchResult> SendAllAsync(
        IReadOnlyList<OutgoingMessage> messages,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);

        var totals = new Totals();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = time.GetTimestamp();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxInFlight, CancellationToken = abort.Token };

        try
        {
            await Parallel.ForEachAsync(messages, parallel, async (message, ct) =>
            {
                try
                {
                    var outcome = await sender.SendAsync(message, ct);
                    progress?.Report(totals.Add(outcome));
                }
                catch (SendFailedException ex)
                {
                    totals.Fail(message, ex.Message);
                    if (ex.Fatal)
                    {
                        totals.Aborted = true;
                        await abort.CancelAsync();
                    }
                }
            });
        }
        catch (OperationCanceledException) when (totals.Aborted && !cancellationToken.IsCancellationRequested)
        {
            // A fatal failure stopped the run; the totals say how far it got.
        }

        return totals.ToResult(time.GetElapsedTime(started));
    }

    private sealed class Totals
    {
        private readonly Lock _gate = new();
        private int _messages;
        private long _events;
        private int _failedMessages;
        private long _failedEvents;
        private bool _hasResults;
        private long _accepted;
        private long _duplicate;
        private long _rejected;
        private string? _firstError;

        public bool Aborted { get; set; }

        public long Add(SendOutcome outcome)
        {
            lock (_gate)
            {
                _messages++;
                _events += outcome.Events;
                _hasResults |= outcome.HasResults;
                _accepted += outcome.Accepted;
                _duplicate += outcome.Duplicate;
                _rejected += outcome.Rejected;
                return _events;
            }
        }

        public void Fail(OutgoingMessage message, string error)
        {
            lock (_gate)
            {
                _failedMessages++;
                _failedEvents += message.EventCount;
                _firstError ??= error;
            }
        }

        public DispatchResult ToResult(TimeSpan duration)
        {
            lock (_gate)
            {
                return new DispatchResult(
                    _messages, _events, _failedMessages, _failedEvents, _hasResults, _accepted, _duplicate, _rejected,
                    duration, _firstError, Aborted);
            }
        }
    }
}
