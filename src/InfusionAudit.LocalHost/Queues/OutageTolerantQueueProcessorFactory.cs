using Microsoft.Azure.WebJobs.Host.Queues;

namespace InfusionAudit.LocalHost.Queues;

/// <summary>Gives the WebJobs queue listener an <see cref="OutageTolerantQueueProcessor"/> for every queue.</summary>
internal sealed class OutageTolerantQueueProcessorFactory(TimeSpan outageTolerance, TimeSpan hold, TimeSpan renewEvery) : IQueueProcessorFactory
{
    public QueueProcessor Create(QueueProcessorOptions context) => new OutageTolerantQueueProcessor(context, outageTolerance, hold, renewEvery);
}
