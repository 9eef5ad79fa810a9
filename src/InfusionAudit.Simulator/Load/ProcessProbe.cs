using System.Diagnostics;

namespace InfusionAudit.Simulator.Load;

/// <summary>
/// Reads the CPU time and resident memory of processes on this machine, summed: the soak samples the storage emulator
/// (one Azurite, or its three per-service processes) and the host beside the host's own counters, so a run that falls
/// behind shows which side ran out of CPU.
/// </summary>
/// <param name="processIds">The processes to read together.</param>
/// <param name="time">Clock for the reading's timestamp.</param>
public sealed class ProcessProbe(IReadOnlyList<int> processIds, TimeProvider time)
{
    /// <summary>The processes read.</summary>
    public IReadOnlyList<int> ProcessIds => processIds;

    /// <summary>The processes' CPU time and resident sets now, summed; null once one has exited or cannot be read.</summary>
    public ProcessReading? Read()
    {
        try
        {
            var cpu = TimeSpan.Zero;
            long resident = 0;
            foreach (var id in processIds)
            {
                using var process = Process.GetProcessById(id);
                process.Refresh();
                cpu += process.TotalProcessorTime;
                resident += process.WorkingSet64;
            }

            return new ProcessReading(time.GetTimestamp(), cpu, resident);
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
