using InfusionAudit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary><c>GET /api/protocols/{protocolId}/versions/{version}</c>: the limits a session was judged against.</summary>
public sealed class ProtocolVersionFunction(RouteDispatcher dispatcher)
{
    [Function("GetProtocolVersion")]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "protocols/{protocolId}/versions/{version}")] HttpRequest request, string protocolId, string version, CancellationToken cancellationToken) =>
        dispatcher.AnswerAsync(RouteTable.GetProtocolVersion, request, new() { ["protocolId"] = protocolId, ["version"] = version }, cancellationToken);
}
