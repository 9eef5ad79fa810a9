namespace InfusionAudit.Application.Alerts;

/// <summary>The optional body of acknowledge and resolve: who (a person's name) and a note or reason.</summary>
public sealed record AlertActionRequest(string? By, string? Note, string? Reason);
