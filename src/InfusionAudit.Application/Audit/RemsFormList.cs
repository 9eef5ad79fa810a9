using InfusionAudit.Domain.Rems;

namespace InfusionAudit.Application.Audit;

/// <summary>The REMS monitoring forms of a clinic over a range of session dates (the JSON of the export route).</summary>
/// <param name="Count">Forms in the list: the clinic's sessions in the range that the form applies to.</param>
/// <param name="CompleteCount">Forms with nothing missing.</param>
/// <param name="IncompleteCount">Forms with at least one missing field.</param>
public sealed record RemsFormList(
    string ClinicId,
    DateOnly From,
    DateOnly To,
    int Count,
    int CompleteCount,
    int IncompleteCount,
    IReadOnlyList<RemsMonitoringForm> Forms);
