using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>POST /api/hl7v2</c>: in Azure the HTTP route is the HL7 v2 entry point (there is no MLLP listener).</summary>
public sealed class PostHl7v2Function(RouteDispatcher dispatcher)
{
    [Function("PostHl7v2")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "hl7v2")] HttpRequest request, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.PostHl7v2, request, new(), cancellationToken);
}
