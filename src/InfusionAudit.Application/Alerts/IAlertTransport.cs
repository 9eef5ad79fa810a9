namespace InfusionAudit.Application.Alerts;

/// <summary>One way out for notifications. Implementations never throw for a failed send: they report it per message.</summary>
public interface IAlertTransport
{
    /// <summary>The name recorded in each notification's dispatch record (<c>queue</c>, <c>serviceBus</c>, <c>webhook</c>).</summary>
    string Name { get; }

    /// <summary>Sends the messages; returns, in the same order, null for a message the transport accepted or the error.</summary>
    Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<OutboundAlert> messages, CancellationToken cancellationToken);
}
