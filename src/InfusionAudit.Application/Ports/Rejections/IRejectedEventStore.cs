namespace InfusionAudit.Application.Ports.Rejections;

/// <summary>Where ingestion keeps the input the contract refused.</summary>
public interface IRejectedEventStore
{
    /// <summary>Stores rejections; storing the same message again replaces the same rows.</summary>
    Task StoreAsync(IReadOnlyCollection<RejectedEventRow> rows, CancellationToken cancellationToken);
}
