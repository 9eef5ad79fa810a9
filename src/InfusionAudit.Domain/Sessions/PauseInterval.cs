namespace InfusionAudit.Domain.Sessions;

/// <summary>A pause: from <c>InfusionPaused</c> to the resume, rate change or end that closes it (EndIndex -1 while open).</summary>
internal struct PauseInterval
{
    public int StartIndex;
    public long From;
    public int EndIndex;
    public long To;
}
