using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/patients/{patientHash}/course</c>.</summary>
public sealed class PatientCourseFunction(RouteDispatcher dispatcher)
{
    [Function("PatientCourse")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "patients/{patientHash}/course")] HttpRequest request, string patientHash, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.GetPatientCourse, request, new() { ["patientHash"] = patientHash }, cancellationToken);
}
