namespace InfusionAudit.Simulator.Load;

/// <summary>One reading of a set of processes by <see cref="ProcessProbe"/>, summed over them.</summary>
/// <param name="Timestamp">When it was read (<see cref="TimeProvider.GetTimestamp"/>).</param>
/// <param name="Cpu">CPU time the processes have used since they started, user and kernel.</param>
/// <param name="ResidentBytes">Their resident sets.</param>
public sealed record ProcessReading(long Timestamp, TimeSpan Cpu, long ResidentBytes);
