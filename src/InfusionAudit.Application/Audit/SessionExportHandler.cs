using InfusionAudit.Application.Sessions;
using InfusionAudit.Application.Ports.Alerts;

namespace InfusionAudit.Application.Audit;

/// <summary>
/// One session read whole for an export: the session partition (not paged: an export that stopped at a page would
/// silently leave findings out) and its alert partition, read side by side.
/// </summary>
public sealed class SessionExportHandler(SessionQueryHandler sessions, IAlertPartitionStore alerts)
{
    public async Task<SessionExport?> GetAsync(string clinicId, string sessionId, CancellationToken cancellationToken)
    {
        var documentRead = sessions.GetAsync(clinicId, sessionId, 0, int.MaxValue, cancellationToken, 0, int.MaxValue);
        var alertRead = alerts.LoadAsync(clinicId, sessionId, cancellationToken);
        await Task.WhenAll(documentRead, alertRead);
        return documentRead.Result is { } document
            ? new SessionExport(clinicId, document, [.. alertRead.Result.Alerts.Select(SessionTimelineHandler.ToDocument)])
            : null;
    }
}
