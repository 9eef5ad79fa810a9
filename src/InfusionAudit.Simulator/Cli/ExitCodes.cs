namespace InfusionAudit.Simulator.Cli;

/// <summary>Process exit codes, stable for scripts.</summary>
public static class ExitCodes
{
    /// <summary>Everything was sent (and, for <c>load</c>, received by the host in time).</summary>
    public const int Success = 0;

    /// <summary>Some messages could not be sent, or the destination was unusable.</summary>
    public const int SendFailed = 1;

    /// <summary>An option value or input file was unusable; nothing was sent.</summary>
    public const int InvalidInput = 2;

    /// <summary><c>load</c>: the host had not received every event when the timeout came.</summary>
    public const int Timeout = 3;

    /// <summary><c>soak</c>: the host missed a target (backlog not flat, slow drain, working set over its limit).</summary>
    public const int TargetMissed = 4;
}
