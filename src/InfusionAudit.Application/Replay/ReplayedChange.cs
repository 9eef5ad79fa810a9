using InfusionAudit.Application.Sessions;

namespace InfusionAudit.Application.Replay;

/// <summary>A finding present in both, with different severity, evidence or detection time.</summary>
public sealed record ReplayedChange(SessionFindingDocument Stored, SessionFindingDocument Replayed);
