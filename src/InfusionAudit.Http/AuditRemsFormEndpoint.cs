using InfusionAudit.Application;
using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Http.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace InfusionAudit.Http;

/// <summary>
/// <c>GET /api/sessions/{sessionId}/rems-form?clinicId&amp;format</c>: the esketamine REMS Patient Monitoring Form of one
/// session, as JSON or as a printable HTML page (<c>format=html</c>, or an Accept header that prefers text/html). The
/// clinic as for <see cref="AuditSessionTimelineEndpoint"/>. A session the form does not apply to is a 409 problem.
/// </summary>
public sealed class AuditRemsFormEndpoint(RemsFormHandler forms, SessionQueryHandler sessions)
{
    public const string Html = "html";

    private static readonly string[] Allowed = [SessionClinic.ClinicIdName, AuditParameters.FormatName];

    private static readonly string[] Formats = ["json", Html];

    public async Task<AuditAnswer> GetAsync(HttpRequest request, string sessionId, CancellationToken cancellationToken)
    {
        var p = new AuditParameters(request, Allowed);
        var id = p.RouteId("sessionId", sessionId);
        var named = p.Id(SessionClinic.ClinicIdName);
        var format = p.OneOf(AuditParameters.FormatName, Formats, "json (default) or html; Accept: text/html works too.");
        var (clinicId, refused) = await SessionClinic.ResolveAsync(p, sessions, id, named, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var answer = await forms.GetAsync(clinicId, id, cancellationToken);
        if (answer is null)
        {
            return SessionClinic.NotReceived(id, clinicId);
        }

        if (answer.Form is not { } form)
        {
            return AuditAnswer.Refused(Problems.RemsFormNotApplicable(answer.NotApplicable!));
        }

        return (format ?? (PrefersHtml(request) ? Html : "json")) == Html
            ? new AuditAnswer(new HtmlResult(RemsFormPage.Render(form)), 1)
            : new AuditAnswer(Results.Json(form, JsonDefaults.Answers), 1);
    }

    private static bool PrefersHtml(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        double html = 0, json = 0;
        foreach (var media in accepted)
        {
            var quality = media.Quality ?? 1.0;
            if (media.MediaType.Equals(HtmlResult.MediaType, StringComparison.OrdinalIgnoreCase))
            {
                html = Math.Max(html, quality);
            }
            else if (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                json = Math.Max(json, quality);
            }
        }

        return html > 0 && html > json;
    }
}
