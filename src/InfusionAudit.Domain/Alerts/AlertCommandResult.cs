namespace InfusionAudit.Domain.Alerts;

/// <summary>The outcome of acknowledge or resolve: a status and, when something changed, what to store.</summary>
/// <param name="Status">How it went.</param>
/// <param name="Alert">The alert after the command (null when not found).</param>
/// <param name="Changes">What to store; null unless <paramref name="Status"/> is <see cref="AlertCommandStatus.Changed"/>.</param>
public sealed record AlertCommandResult(AlertCommandStatus Status, Alert? Alert, AlertChanges? Changes);
