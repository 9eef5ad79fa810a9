using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Contract;

/// <summary>Payload of <c>InfusionRateChanged</c>: the pump runs at <paramref name="Rate"/> from the event's time.</summary>
/// <param name="Rate">Programmed rate (<c>rateMlPerHour</c> or <c>rateMgPerKgPerHour</c>); zero means stopped.</param>
public sealed record InfusionRateChangedPayload(InfusionRate Rate) : EventPayload;
