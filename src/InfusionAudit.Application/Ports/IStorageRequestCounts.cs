namespace InfusionAudit.Application.Ports;

/// <summary>The storage requests this process sent (retries included), in total and per operation, for the diagnostics counters.</summary>
public interface IStorageRequestCounts
{
    /// <summary>Requests sent since the process started.</summary>
    long Requests { get; }

    /// <summary>Requests per operation, e.g. <c>POST $batch Sessions</c> (a transaction, with its table), <c>GET Sessions()</c>.</summary>
    IReadOnlyDictionary<string, long> ByOperation { get; }
}
