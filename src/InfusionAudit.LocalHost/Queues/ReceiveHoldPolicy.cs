using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace InfusionAudit.LocalHost.Queues;

/// <summary>
/// Shortens a queue receive's visibility timeout to one <see cref="Hold"/>. The WebJobs listener receives every message
/// for a fixed 10 minutes (not configurable) and the local host cuts that to one hold only when it starts processing
/// the message: a host killed, or cut off from storage, between the two hid the whole batch for 10 minutes, and
/// sessions were judged meanwhile with holes. Asked at the receive, the hold covers that window too; the processor's
/// renewals (<see cref="OutageTolerantQueueProcessor"/>) keep a message being processed invisible after that.
/// </summary>
internal sealed class ReceiveHoldPolicy(TimeSpan hold) : HttpPipelineSynchronousPolicy
{
    private const string Parameter = "visibilitytimeout";

    public TimeSpan Hold { get; } = hold;

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        if (request.Method != RequestMethod.Get || !request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal))
        {
            return;
        }

        // A receive names its visibility timeout (seconds); a peek does not. A shorter one than a hold stays as asked.
        var query = request.Uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries);
        var seconds = (int)Math.Ceiling(Hold.TotalSeconds);
        var rewritten = false;
        for (var i = 0; i < query.Length; i++)
        {
            var pair = query[i].Split('=', 2);
            if (pair.Length == 2 && pair[0].Equals(Parameter, StringComparison.OrdinalIgnoreCase)
                && int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > seconds)
            {
                query[i] = Parameter + "=" + seconds.ToString(CultureInfo.InvariantCulture);
                rewritten = true;
            }
        }

        if (rewritten)
        {
            request.Uri.Query = "?" + string.Join('&', query);
        }
    }
}
