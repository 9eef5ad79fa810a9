using InfusionAudit.Application.Sessions;

namespace InfusionAudit.Application.Replay;

/// <summary>
/// A stored session judged again against a chosen protocol version, beside what is stored: the auditor's
/// "what if the limit had been X". Identical lists mean the stored findings are reproduced exactly.
/// </summary>
/// <param name="AsOf">The evaluation time used: the time of the stored evaluation, so clock rules are judged as they were.</param>
public sealed record ReplayReport(
    string SessionId,
    string? ProtocolId,
    int? StoredProtocolVersion,
    int? ReplayedProtocolVersion,
    DateTimeOffset AsOf,
    bool Reproduced,
    IReadOnlyList<SessionFindingDocument> Unchanged,
    IReadOnlyList<SessionFindingDocument> Added,
    IReadOnlyList<SessionFindingDocument> Removed,
    IReadOnlyList<ReplayedChange> Changed);
