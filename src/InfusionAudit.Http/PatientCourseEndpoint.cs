using InfusionAudit.Application;
using InfusionAudit.Application.Audit;
using InfusionAudit.Http.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// <c>GET /api/patients/{patientHash}/course</c>: a patient's sessions across clinics of the identity scope, with doses,
/// schedule phase and findings. The hash is the one the session document shows; a clear patient reference is refused
/// (it does not look like a hash), so it is never looked up, logged or echoed.
/// </summary>
public sealed class PatientCourseEndpoint(PatientCourseHandler courses)
{
    public async Task<AuditAnswer> GetAsync(HttpRequest request, string patientHash, CancellationToken cancellationToken)
    {
        var p = new AuditParameters(request);
        if (p.Problem is { } problem)
        {
            return AuditAnswer.Refused(problem);
        }

        var hash = Uri.UnescapeDataString(patientHash);
        if (!PatientHashRedaction.IsHash(hash))
        {
            return AuditAnswer.Refused(Problems.InvalidParameter(
                "patientHash", "Not a patient hash: give the patientRef hash of a session document (hmac-sha256:v1:<scope>:<key id>:<64 hex>), never a clear patient reference."));
        }

        var course = await courses.GetAsync(hash, cancellationToken);
        return course is null
            ? AuditAnswer.Refused(Problems.NotFound("No session of this patient has been received."))
            : new AuditAnswer(Results.Json(course, JsonDefaults.Answers), course.Sessions.Count);
    }
}
