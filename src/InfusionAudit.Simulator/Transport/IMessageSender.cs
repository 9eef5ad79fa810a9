using InfusionAudit.Simulator.Batching;

namespace InfusionAudit.Simulator.Transport;

/// <summary>Delivers messages to the backend. Implementations are safe to call concurrently.</summary>
public interface IMessageSender : IAsyncDisposable
{
    /// <summary>Where messages go, for the summary.</summary>
    string Destination { get; }

    /// <summary>Checks the destination once before the run (creates the queue if missing), so a wrong address fails fast.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Sends one message; throws <see cref="SendFailedException"/> when it cannot be delivered.</summary>
    Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
