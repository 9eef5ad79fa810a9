namespace InfusionAudit.Domain.Sessions;

/// <summary>A stretch of running time at one programmed rate (pauses, stops at rate 0 and the time after the end are not segments).</summary>
/// <param name="From">Start (device time of the rate change or resume).</param>
/// <param name="To">End (next rate change, pause or end), or null while still running at the last event.</param>
/// <param name="RateEventId">The event that set the rate (an <c>InfusionRateChanged</c> or <c>InfusionResumed</c>).</param>
/// <param name="ProgrammedRate">The rate value as programmed.</param>
/// <param name="ProgrammedRateUnit">Its unit.</param>
/// <param name="DoseRateMgPerHour">The rate in mg/h, or null when weight or concentration is unknown.</param>
/// <param name="DoseRateMgPerKgPerHour">The rate in mg/kg/h, or null when unknown.</param>
/// <param name="VolumeRateMlPerHour">The rate in mL/h, or null when unknown.</param>
public sealed record RateSegment(
    DateTimeOffset From,
    DateTimeOffset? To,
    string RateEventId,
    double ProgrammedRate,
    RateUnit ProgrammedRateUnit,
    double? DoseRateMgPerHour,
    double? DoseRateMgPerKgPerHour,
    double? VolumeRateMlPerHour);
