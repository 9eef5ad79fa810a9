using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace InfusionAudit.LocalHost.Queues;

/// <summary>
/// Receives queue messages for <c>hold</c> instead of the WebJobs listener's fixed 10 minutes (its receive sends
/// <c>visibilitytimeout=600</c>, with no option to change it). Without this, a host killed between a receive and the
/// processor's first renewal (<see cref="OutageTolerantQueueProcessor"/>) would hide that batch for 10 minutes.
/// Only a message receive (GET .../messages) carrying exactly the listener's 600 s is rewritten.
/// </summary>
internal sealed class ListenerReceiveHoldPolicy(TimeSpan hold) : HttpPipelineSynchronousPolicy
{
    private const string ListenerVisibility = "visibilitytimeout=600";
    private readonly string shortVisibility = "visibilitytimeout=" + ((int)hold.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri;
        if (message.Request.Method == RequestMethod.Get
            && uri.Path.EndsWith("/messages", StringComparison.Ordinal)
            && uri.Query.Contains(ListenerVisibility, StringComparison.Ordinal))
        {
            uri.Query = uri.Query.Replace(ListenerVisibility, shortVisibility, StringComparison.Ordinal);
        }
    }
}
