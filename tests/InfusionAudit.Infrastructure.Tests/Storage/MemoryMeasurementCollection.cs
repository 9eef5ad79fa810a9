namespace InfusionAudit.Infrastructure.Tests.Storage;

/// <summary>Tests that measure the managed heap: run alone, so no other test's allocations are counted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "memory measurement";
}
