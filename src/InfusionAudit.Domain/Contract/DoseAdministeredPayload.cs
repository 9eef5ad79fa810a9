using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Contract;

/// <summary>Payload of <c>DoseAdministered</c>: a discrete dose (bolus, injection, one intranasal device).</summary>
/// <param name="Dose">The dose given (<c>doseMg</c>).</param>
public sealed record DoseAdministeredPayload(Dose Dose) : EventPayload;
