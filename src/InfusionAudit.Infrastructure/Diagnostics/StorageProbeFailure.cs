using Azure;
using InfusionAudit.Application.Diagnostics;

namespace InfusionAudit.Infrastructure.Diagnostics;

/// <summary>A storage probe's failure in the readiness answer's words: the status and the service's error code (<c>503 ServerBusy</c>).</summary>
internal static class StorageProbeFailure
{
    public static ReadinessProbeException Of(RequestFailedException exception) =>
        new($"{exception.Status} {exception.ErrorCode}".Trim(), exception);
}
