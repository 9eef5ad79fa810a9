using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Contract;

/// <summary>Payload of <c>PumpTotalReported</c>: the pump's own cumulative counter for the session.</summary>
/// <param name="VolumeInfused">Cumulative volume (<c>volumeInfusedMl</c>).</param>
public sealed record PumpTotalReportedPayload(Volume VolumeInfused) : EventPayload;
