namespace InfusionAudit.Application.Alerts;

/// <summary>Links of a notification: the session behind it and the clinic's open alerts.</summary>
public sealed record AlertMessageLinks(string Session, string OpenAlerts);
