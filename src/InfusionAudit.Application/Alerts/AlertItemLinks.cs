namespace InfusionAudit.Application.Alerts;

/// <summary>
/// Links of one alert: read it, acknowledge it, resolve it (POST with the on-call key), and open it in the console
/// (<c>/#/alerts/{alertId}</c>), where a tap acknowledges it: the link a notification shows a person.
/// </summary>
public sealed record AlertItemLinks(string Self, string Acknowledge, string Resolve, string Console);
