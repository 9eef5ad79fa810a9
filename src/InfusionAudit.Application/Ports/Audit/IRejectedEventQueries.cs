using InfusionAudit.Application.Ports.Rejections;

namespace InfusionAudit.Application.Ports.Audit;

/// <summary>A clinic's rejected input as auditors read it: by clinical day, or the input that names one session.</summary>
public interface IRejectedEventQueries
{
    /// <summary>A page of a clinic's rejected input filed under [from, to], optionally received within [receivedFrom, receivedTo).</summary>
    Task<StoragePage<RejectedEventRow>> ListPageAsync(string clinicId, DateOnly from, DateOnly to, DateTimeOffset? receivedFrom, DateTimeOffset? receivedTo, StorageCursor? cursor, int take, CancellationToken cancellationToken);

    /// <summary>The rejected input that names <paramref name="sessionId"/>, filed under the clinic's days [from, to] (at most a week).</summary>
    Task<IReadOnlyList<RejectedEventRow>> ListSessionAsync(string clinicId, string sessionId, DateOnly from, DateOnly to, CancellationToken cancellationToken);
}
