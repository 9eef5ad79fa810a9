using InfusionAudit.Domain.Rems;

namespace InfusionAudit.Application.Audit;

/// <summary>A session's REMS monitoring form, or why the session has none.</summary>
/// <param name="Form">The form; null when the session is not reported on it.</param>
/// <param name="NotApplicable">Why the form does not apply (not an intranasal esketamine session), or null.</param>
public sealed record RemsFormAnswer(RemsMonitoringForm? Form, string? NotApplicable);
