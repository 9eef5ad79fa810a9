using System.Globalization;
using InfusionAudit.Application;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Protocols;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http.Protocols;

/// <summary>
/// <c>GET /api/protocols/{protocolId}/versions/{version}</c>: the limits a session was judged against (its state names
/// the protocol and version), so a chart can draw them and an auditor can read them beside the findings.
/// </summary>
public sealed class ProtocolsEndpoint(ProtocolLibrary protocols)
{
    public IResult Get(string protocolId, string version)
    {
        if (!ContractId.IsValid(protocolId))
        {
            return Problems.InvalidParameter("protocolId", "A protocol id uses letters, digits, '.', '_', ':' and '-' (1-64).");
        }

        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return Problems.InvalidParameter("version", "A protocol version is a whole number from 1.");
        }

        return protocols.Find(protocolId, number) is { } definition
            ? Results.Json(ProtocolVersionView.From(definition, protocols.FileOf(protocolId, number)), JsonDefaults.Options)
            : Problems.NotFound($"No protocol {protocolId} version {number} is loaded; GET /api/health lists the loaded versions.");
    }
}
