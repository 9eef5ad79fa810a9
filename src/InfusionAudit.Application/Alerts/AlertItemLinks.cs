namespace InfusionAudit.Application.Alerts;

/// <summary>
/// Links of one alert: read it, acknowledge it, resolve it (POST with the on-call key), and open it in the console
/// (<c>/api/console/#/alerts/{alertId}</c>), where a tap acknowledges it: the link a notification shows a person.
/// </summary>
public sealed record AlertItemLinks(string Self, string Acknowledge, string Resolve, string Console)
{
    /// <summary>
    /// Where both hosts serve the web console (the HTTP route <c>GET /api/console/{*path}</c>): the Function App cannot
    /// serve <c>/</c>, so a link must point here to open on either host.
    /// </summary>
    public const string ConsolePath = "/api/console/";
}
