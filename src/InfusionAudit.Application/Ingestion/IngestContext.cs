namespace InfusionAudit.Application.Ingestion;

/// <summary>Where a device message came from.</summary>
/// <param name="Source"><c>queue</c> or <c>http</c>.</param>
/// <param name="MessageKey">Queue message id (stable across redelivery) or HTTP request id.</param>
/// <param name="ReceivedAt">Queue insertion time or HTTP request time: the backend's receive time of every event in the message.</param>
public sealed record IngestContext(string Source, string MessageKey, DateTimeOffset ReceivedAt)
{
    /// <summary>
    /// The clinics the sender may write for; null: any clinic (the queue's writers, and producers bound to no clinic).
    /// An event for another clinic becomes a stored <c>clinic-not-allowed</c> rejection.
    /// </summary>
    public IReadOnlySet<string>? AllowedClinics { get; init; }
}
