namespace InfusionAudit.Simulator.Load;

/// <summary>One reading of a process by <see cref="ProcessProbe"/>.</summary>
/// <param name="Timestamp">When it was read (<see cref="TimeProvider.GetTimestamp"/>).</param>
/// <param name="Cpu">CPU time the process has used since it started, user and kernel.</param>
/// <param name="ResidentBytes">Its resident set.</param>
public sealed record ProcessReading(long Timestamp, TimeSpan Cpu, long ResidentBytes);
