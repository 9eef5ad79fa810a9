using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Protocols;

/// <summary>Per-session dose limits of a fixed-dose protocol (file section <c>fixedDoseMg</c>).</summary>
/// <param name="Allowed">The session totals the protocol allows, ascending (e.g. 28, 56, 84 mg).</param>
/// <param name="HardMax">Above it, prescribed: <c>DOSE-PRESCRIBED-HARD</c>; delivered: <c>DOSE-HARD-LIMIT</c> (critical).</param>
public sealed record FixedDoseLimits(IReadOnlyList<Dose> Allowed, Dose HardMax);
