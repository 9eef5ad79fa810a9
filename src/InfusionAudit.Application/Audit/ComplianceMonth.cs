namespace InfusionAudit.Application.Audit;

/// <summary>The clinical figures of <see cref="ClinicalComplianceSummary"/> for one calendar month of session dates.</summary>
/// <param name="Month">The month, <c>YYYY-MM</c>.</param>
/// <param name="Sessions">Sessions with a session date in the month (and in the report's range).</param>
/// <param name="Ended">Of those, ended.</param>
/// <param name="EndedNotDischarged">Ended without a <c>PatientDischarged</c>.</param>
/// <param name="CourseFindings">Active course findings (<c>COURSE-*</c>, <c>DOSE-ESCALATION</c>).</param>
/// <param name="WeightFindings">Active weight findings (<c>WEIGHT-*</c>).</param>
/// <param name="RemsForms">Sessions the REMS monitoring form applies to.</param>
/// <param name="RemsIncomplete">Of those, forms with a missing field.</param>
public sealed record ComplianceMonth(
    string Month,
    int Sessions,
    int Ended,
    int EndedNotDischarged,
    int CourseFindings,
    int WeightFindings,
    int RemsForms,
    int RemsIncomplete);
