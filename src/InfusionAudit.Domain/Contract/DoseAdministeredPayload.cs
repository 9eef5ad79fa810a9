using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Contract;

/// <summary>Payload of <c>DoseAdministered</c>: a discrete dose (bolus, injection, one intranasal device).</summary>
/// <param name="Dose">The dose given (<c>doseMg</c>).</param>
/// <param name="LotNumber">Optional lot number of the medicine (<c>lotNumber</c>, contract 1.1; the esketamine REMS form asks for it).</param>
public sealed record DoseAdministeredPayload(Dose Dose, string? LotNumber = null) : EventPayload;
