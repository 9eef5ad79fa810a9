using Azure.Core;
using Azure.Core.Pipeline;

namespace InfusionAudit.Infrastructure.Tests.Storage;

/// <summary>
/// Runs an action before a request for a second page of a query naming <c>marker</c>, the first <c>times</c> times: another
/// host's commit landing between the pages of a read that spans several requests.
/// </summary>
internal sealed class BeforeSecondPage(string marker, Func<Task> action, int times) : HttpPipelinePolicy
{
    private int seen;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var uri = Uri.UnescapeDataString(message.Request.Uri.ToString());
        if (message.Request.Method == RequestMethod.Get && uri.Contains("NextRowKey", StringComparison.Ordinal)
            && uri.Contains(marker, StringComparison.Ordinal) && Interlocked.Increment(ref seen) <= times)
        {
            await action();
        }

        await ProcessNextAsync(message, pipeline);
    }
}
