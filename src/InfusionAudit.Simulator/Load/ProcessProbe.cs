using System.Diagnostics;

namespace InfusionAudit.Simulator.Load;

/// <summary>
/// Reads the CPU time and resident memory of a process on this machine: the soak samples the storage emulator (and
/// the host) beside the host's own counters, so a run that falls behind shows which side ran out of CPU.
/// </summary>
/// <param name="processId">The process to read.</param>
/// <param name="time">Clock for the reading's timestamp.</param>
public sealed class ProcessProbe(int processId, TimeProvider time)
{
    /// <summary>The process read.</summary>
    public int ProcessId => processId;

    /// <summary>The process's CPU time and resident set now; null once it has exited or cannot be read.</summary>
    public ProcessReading? Read()
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            process.Refresh();
            return new ProcessReading(time.GetTimestamp(), process.TotalProcessorTime, process.WorkingSet64);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Gone or not ours to read: the sample says "not read", the soak goes on.
            return null;
        }
    }

    /// <summary>CPU used between two readings, in percent of one core (200 = both cores of a 2-core machine).</summary>
    public double? CpuPercent(ProcessReading? earlier, ProcessReading? later)
    {
        if (earlier is null || later is null)
        {
            return null;
        }

        var wall = time.GetElapsedTime(earlier.Timestamp, later.Timestamp);
        return wall > TimeSpan.Zero ? (later.Cpu - earlier.Cpu) / wall * 100 : null;
    }
}
