using InfusionAudit.Domain.Rems;

namespace InfusionAudit.Application.Audit;

/// <summary>The REMS monitoring forms of a clinic's sessions in a range of session dates, in session date then id order.</summary>
/// <param name="Forms">One form per session reported on it.</param>
/// <param name="Requests">Storage requests the export took: the clinic index range, then one partition read per form.</param>
public sealed record RemsFormExport(IReadOnlyList<RemsMonitoringForm> Forms, int Requests);
