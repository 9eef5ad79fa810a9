using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace InfusionAudit.Benchmarks;

/// <summary>Adds operations per second (events per second where one operation is one event).</summary>
public class ThroughputConfig : ManualConfig
{
    public ThroughputConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
}
