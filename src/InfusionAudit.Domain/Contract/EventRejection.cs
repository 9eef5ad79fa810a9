namespace InfusionAudit.Domain.Contract;

/// <summary>Why an event (or a whole message) was rejected: the field and the contract rule it broke.</summary>
/// <param name="EventId">The event id when it could be read, else null.</param>
/// <param name="Field">JSON path of the offending field, e.g. <c>payload.weightKg</c>, or <c>$</c> for the whole text.</param>
/// <param name="Rule">Stable rule name, e.g. <c>required</c>, <c>pattern</c>, <c>exclusive-minimum</c>: one of <see cref="ContractRule"/> (see docs/event-contract.md).</param>
/// <param name="Message">A sentence for people: what was wrong and what the contract expects.</param>
public sealed record EventRejection(string? EventId, string Field, string Rule, string Message);
