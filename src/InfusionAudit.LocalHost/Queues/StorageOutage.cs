using System.Net.Sockets;
using Azure;

namespace InfusionAudit.LocalHost.Queues;

/// <summary>Tells a storage outage (no answer, or a server error, after the SDK's own retries) from an answer that will not change.</summary>
internal static class StorageOutage
{
    public static bool Is(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RequestFailedException failed => failed.Status == 0 || failed.Status >= 500 || failed.InnerException is not null && Is(failed.InnerException, cancellationToken),
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => Is(e, cancellationToken)),
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        _ => false,
    };
}
