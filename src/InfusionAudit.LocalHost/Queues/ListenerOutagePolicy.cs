using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace InfusionAudit.LocalHost.Queues;

/// <summary>
/// Turns a storage outage seen by a queue read (the WebJobs listener's receive and the existence check it makes after
/// any error) into a 503 answer. The listener backs off on 5xx but rethrows anything else, and a refused or reset
/// connection that outlasts the storage SDK's retries (status 0) ended the local host; as a 503 it is an outage the
/// listener waits out. Placed per call, outside the SDK's retries, so those still run first.
/// </summary>
internal sealed class ListenerOutagePolicy : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception ex) when (IsQueueRead(message) && StorageOutage.Is(ex, message.CancellationToken))
        {
            message.Response = new OutageResponse(message.Request.ClientRequestId, ex);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        catch (Exception ex) when (IsQueueRead(message) && StorageOutage.Is(ex, message.CancellationToken))
        {
            message.Response = new OutageResponse(message.Request.ClientRequestId, ex);
        }
    }

    /// <summary>A GET on a queue: a receive or peek (<c>/messages</c>) or the queue's metadata. Writes keep their own errors.</summary>
    private static bool IsQueueRead(HttpMessage message) =>
        message.Request.Method == RequestMethod.Get
        && (message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal)
            || message.Request.Uri.Query.Contains("comp=metadata", StringComparison.Ordinal));

    /// <summary>The 503 standing for "storage did not answer"; its body says what the transport reported.</summary>
    private sealed class OutageResponse(string clientRequestId, Exception cause) : Response
    {
        public override int Status => 503;

        // Set by the transport for real answers; this one never reaches the transport, and a client that reads a
        // response it was not told is an error would parse the text above as messages.
        public override bool IsError => true;

        public override string ReasonPhrase => "Storage unreachable (local host): " + cause.GetType().Name;

        public override Stream? ContentStream { get; set; } = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(cause.Message));

        public override string ClientRequestId { get; set; } = clientRequestId;

        // A MemoryStream holds no resource; leaving it readable lets the client build its exception after disposing the message.
        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, out string value)
        {
            value = "";
            return false;
        }

        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            values = [];
            return false;
        }
    }
}
