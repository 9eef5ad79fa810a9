using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Sessions;

/// <summary>A stretch of running time at one rate: from a rate change or resume to the next rate change, pause or end.</summary>
internal struct RunPiece
{
    public long From;
    public long To;
    public int RateEventIndex;
    public int EndIndex;
    public InfusionRate Rate;
    public double MgPerHour;
    public double MlPerHour;
}
