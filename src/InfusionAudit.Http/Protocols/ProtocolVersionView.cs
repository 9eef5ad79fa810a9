using InfusionAudit.Domain.Protocols;

namespace InfusionAudit.Http.Protocols;

/// <summary>
/// One protocol version as the rules judge with it (<c>GET /api/protocols/{protocolId}/versions/{version}</c>): the
/// effective limits and thresholds, defaults applied, units in the names; and the file as the clinic wrote it.
/// </summary>
/// <param name="File">The protocol file's text exactly as loaded (JSON), or null when the library did not keep it.</param>
/// <param name="FileSha256">The SHA-256 of the file's bytes (lower-case hex), to check a copy of the file against.</param>
/// <param name="Released">
/// The file is listed in <c>protocols/released.sha256</c> with these bytes, so it never changes; false for a draft,
/// whose findings a later edit of the file could stop reproducing.
/// </param>
public sealed record ProtocolVersionView(
    string ProtocolId,
    int Version,
    string Title,
    string Route,
    bool FallbackForUnknownProtocols,
    ProtocolDoseLimitsView Dose,
    ProtocolRateLimitsView? Rate,
    ProtocolVitalThresholdsView Vitals,
    string? File,
    string? FileSha256,
    bool Released)
{
    public static ProtocolVersionView From(ProtocolDefinition protocol, ProtocolFile? file) => new(
        protocol.Id,
        protocol.Version,
        protocol.Title,
        protocol.Route.ToString(),
        protocol.FallbackForUnknownProtocols,
        ProtocolDoseLimitsView.From(protocol),
        protocol.Rate is { } rate ? new ProtocolRateLimitsView(rate.SoftMax.MilligramsPerKilogramPerHour, rate.HardMax.MilligramsPerKilogramPerHour) : null,
        ProtocolVitalThresholdsView.From(protocol.Vitals),
        file?.Text,
        file?.Sha256,
        file?.Released ?? false);
}
