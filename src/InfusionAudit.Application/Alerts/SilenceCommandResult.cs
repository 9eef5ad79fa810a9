using InfusionAudit.Domain.Alerts;

namespace InfusionAudit.Application.Alerts;

/// <summary>A silence after a command, or why the request was refused (the field and a sentence).</summary>
public sealed record SilenceCommandResult(Silence? Silence, string? InvalidField, string? Problem);
