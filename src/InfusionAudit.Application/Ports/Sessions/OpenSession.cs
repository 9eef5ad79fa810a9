namespace InfusionAudit.Application.Ports.Sessions;

/// <summary>A session that has not ended, with the clinic whose partition holds it.</summary>
public sealed record OpenSession(string SessionId, string ClinicId);
