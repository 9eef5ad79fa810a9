using System.Text;
using InfusionAudit.Application;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Application.Security;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Http;

/// <summary>
/// <c>POST /api/events</c>: one event or an array of up to 100. Validates and stores synchronously through the same
/// <see cref="IngestHandler"/> as the queue, then answers 202 with a result per event. 400 only when the body is not
/// JSON at all, 413 above the size limits; even then the input is kept among the rejections.
/// </summary>
public sealed class EventsEndpoint(
    IngestHandler ingest,
    IOptions<InfusionAuditOptions> options,
    TimeProvider clock)
{
    public async Task<IResult> PostAsync(HttpRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxHttpBodyBytes;
        // A producer bound to clinics writes only for them (its other events are stored rejections); see ProducerBinding.
        var context = new IngestContext("http", RequestKey(), clock.GetUtcNow()) { AllowedClinics = caller.Clinics };
        var (bytes, complete) = await LimitedBody.ReadAsync(request, limit, cancellationToken);
        var text = Encoding.UTF8.GetString(bytes);
        if (!complete)
        {
            await ingest.RecordOversizedAsync(text, limit, context, cancellationToken);
            return Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Body too large",
                detail: $"The body exceeds {limit} bytes. Send at most {EventParser.MaxEventsPerMessage} events per request.");
        }

        var result = await ingest.HandleAsync(text, context, cancellationToken);
        return result.Problem switch
        {
            MessageProblem.NotJson => Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Body is not JSON",
                detail: (result.Events is [var first, ..] ? first.Rejection?.Message : null) ?? "The body must be one event object or an array of events."),
            MessageProblem.TooManyEvents => Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Too many events",
                detail: $"A request carries at most {EventParser.MaxEventsPerMessage} events."),
            _ => Results.Json(EventsResponse.From(result), JsonDefaults.Answers, statusCode: StatusCodes.Status202Accepted),
        };
    }

    // Each request is a distinct reception: a producer's retry is received (and, if bad, rejected) again.
    private static string RequestKey() => $"http-{Guid.NewGuid():N}";
}
