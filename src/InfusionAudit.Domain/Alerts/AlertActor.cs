namespace InfusionAudit.Domain.Alerts;

/// <summary>Who changes an alert: a person's name (as typed) and the API key id they used, never the key itself.</summary>
/// <param name="Name">The person, or <see cref="SystemName"/>.</param>
/// <param name="Via">The key id, or null for the system.</param>
public sealed record AlertActor(string Name, string? Via)
{
    /// <summary>The name recorded for changes the backend makes on its own.</summary>
    public const string SystemName = "system";

    /// <summary>The backend itself (raise, escalate, auto-resolve).</summary>
    public static AlertActor System { get; } = new(SystemName, null);
}
