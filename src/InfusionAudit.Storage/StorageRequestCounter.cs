using Azure.Core;
using Azure.Core.Pipeline;

namespace InfusionAudit.Storage;

/// <summary>
/// Counts every HTTP request the storage clients send (retries included), so benchmarks and tests can state
/// storage round trips per event and prove that queries touch only the partitions they need.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private long requests;

    /// <summary>Requests sent since the process started.</summary>
    public long Requests => Interlocked.Read(ref requests);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref requests);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref requests);
        return ProcessNextAsync(message, pipeline);
    }
}
