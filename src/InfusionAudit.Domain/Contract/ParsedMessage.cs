namespace InfusionAudit.Domain.Contract;

/// <summary>A device message after parsing: its elements, or one rejected element holding the whole text when <paramref name="Problem"/> is set.</summary>
/// <param name="Events">Elements in message order.</param>
/// <param name="Problem">A message-level problem, or null.</param>
public sealed record ParsedMessage(IReadOnlyList<ParsedEvent> Events, MessageProblem? Problem);
