namespace InfusionAudit.Domain.Rems;

/// <summary>One intranasal device given (a <c>DoseAdministered</c>), as the REMS form lists it.</summary>
/// <param name="At">When it was given (<c>occurredAt</c>).</param>
/// <param name="DoseMg">Its dose, mg.</param>
/// <param name="LotNumber">Its lot number (<c>lotNumber</c>, contract 1.1), or null when the record has none.</param>
public sealed record RemsDeviceDose(DateTimeOffset At, double DoseMg, string? LotNumber);
