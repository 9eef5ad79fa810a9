using System.Text;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Application.Ingestion.Hl7;
using InfusionAudit.Hl7;
using InfusionAudit.Application.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Http;

/// <summary>
/// <c>POST /api/hl7v2</c>: one HL7 v2 message (ER7) or an MLLP-framed stream, answered with the HL7 ACK of each
/// (framed when the request was). The messages take the JSON path once mapped (<see cref="Hl7IngestHandler"/>).
/// 415 for another content type, 413 above the size limit; every other answer is 200 with ACKs, AE / AR included.
/// </summary>
public sealed class Hl7v2Endpoint(
    Hl7IngestHandler hl7,
    IOptions<InfusionAuditOptions> options,
    TimeProvider clock)
{
    /// <summary>The media type of HL7 v2 ER7 over HTTP (HL7's HTTP transport), also the answer's.</summary>
    public const string MediaType = "x-application/hl7-v2+er7";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<IResult> PostAsync(HttpRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, MediaType, StringComparison.OrdinalIgnoreCase) && !string.Equals(mediaType, "text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content type",
                detail: $"Send HL7 v2 ER7 as {MediaType} or text/plain (UTF-8).");
        }

        var context = new IngestContext("hl7-http", $"http-{Guid.NewGuid():N}", clock.GetUtcNow()) { AllowedClinics = caller.Clinics };
        var limit = options.Value.MaxHttpBodyBytes;
        var (bytes, complete) = await LimitedBody.ReadAsync(request, limit, cancellationToken);
        if (!complete)
        {
            await hl7.RefuseOversizedAsync(Encoding.UTF8.GetString(bytes), $"The body exceeds {limit} bytes and was not processed.", context, cancellationToken);
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large", detail: $"The body exceeds {limit} bytes.");
        }

        string body;
        try
        {
            body = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: refused as the HL7 character set (MSH-18) it would have to declare; kept redacted like any refusal.
            var lossy = Encoding.UTF8.GetString(bytes);
            var answer = await hl7.RefuseUnreadableAsync(lossy, Hl7Problem.Reject("MSH", 1, 18, Hl7Problem.TableValueNotFound, "The body is not UTF-8: send the message in UTF-8 (MSH-18 empty, ASCII or UNICODE UTF-8)."), context, cancellationToken);
            return Ack(Mllp.IsFramed(lossy) ? Mllp.Frame(answer) : answer);
        }

        return Ack(await hl7.HandleBodyAsync(body, context, cancellationToken));
    }

    private static IResult Ack(string text) => Results.Text(text, MediaType, Encoding.UTF8, StatusCodes.Status200OK);
}
