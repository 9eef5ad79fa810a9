namespace InfusionAudit.Application.Alerts;

/// <summary>Links of one alert: read it, acknowledge it, resolve it (POST with the on-call key).</summary>
public sealed record AlertItemLinks(string Self, string Acknowledge, string Resolve);
