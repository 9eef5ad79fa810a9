using System.Text.Json;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Findings;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Application.Alerts;

/// <summary>Writes the message of a notification from the alerts it names, once, when the notification is decided.</summary>
public sealed class AlertMessageBuilder(IOptions<AlertOptions> options)
{
    private readonly string baseUrl = (options.Value.PublicBaseUrl ?? string.Empty).TrimEnd('/');

    public AlertMessage Build(AlertNotification notification, IReadOnlyDictionary<string, Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(alerts);
        var items = notification.AlertIds.Select(id => alerts[id]).ToList();
        var severity = items.Count == 0 ? Severity.Critical : items.Max(a => a.Severity);
        var rules = items.Select(a => a.RuleId).Distinct(StringComparer.Ordinal).ToList();
        var devices = items.SelectMany(a => a.DeviceIds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var state = notification.Kind switch
        {
            NotificationKind.Acknowledge => AlertState.Acknowledged,
            NotificationKind.Resolve => AlertState.Resolved,
            _ => AlertState.Open,
        };
        return new AlertMessage(
            notification.NotificationId,
            Camel(notification.Kind.ToString()),
            Camel(notification.Target.ToString()),
            Lower(state),
            Lower(severity),
            rules.Count == 1 ? rules[0] : "grouped",
            Summary(notification, items, severity, devices),
            notification.ClinicId,
            notification.SessionId,
            devices,
            rules,
            [.. items.Select(Item)],
            new AlertMessageLinks(Url($"/api/sessions/{notification.SessionId}?clinicId={Uri.EscapeDataString(notification.ClinicId)}"), Url($"/api/alerts?clinicId={Uri.EscapeDataString(notification.ClinicId)}&state=open")),
            notification.CreatedAt);
    }

    public string BuildJson(AlertNotification notification, IReadOnlyDictionary<string, Alert> alerts) =>
        JsonSerializer.Serialize(Build(notification, alerts), JsonDefaults.Options);

    public static AlertMessage Read(string json) =>
        JsonSerializer.Deserialize<AlertMessage>(json, JsonDefaults.Options) ?? throw new InvalidOperationException("A stored alert message is empty.");

    private AlertMessageItem Item(Alert a) => new(
        a.AlertId,
        a.RuleId,
        Lower(a.Severity),
        Lower(a.State),
        a.Evidence,
        ClinicalPrecision.Round(a.EvidenceValues),
        EvidenceText.Values(a.EvidenceValues),
        EventsMissing(a),
        a.ProtocolId,
        a.ProtocolVersion,
        a.DeviceIds,
        a.TriggerEventId,
        a.OccurredAt,
        a.DetectedAt,
        a.ArrivedLate,
        a.RaisedAt,
        a.AcknowledgedBy?.Name,
        a.AcknowledgedAt,
        a.ResolvedBy?.Name,
        a.ResolvedAt,
        a.ResolveReason,
        new AlertItemLinks(Url($"/api/alerts/{a.AlertId}"), Url($"/api/alerts/{a.AlertId}/acknowledge"), Url($"/api/alerts/{a.AlertId}/resolve"), Url($"{AlertItemLinks.ConsolePath}#/alerts/{Uri.EscapeDataString(a.AlertId)}")));

    private static string Summary(AlertNotification n, IReadOnlyList<Alert> items, Severity severity, IReadOnlyList<string> devices)
    {
        var where = $"clinic {n.ClinicId}, session {n.SessionId}" + (devices.Count > 0 ? $", device {string.Join('/', devices)}" : string.Empty);
        var what = items.Count == 1 ? $"{items[0].RuleId}: {items[0].Evidence}{When(items[0])}" : $"{items.Count} problems: {string.Join("; ", items.Select(Problem))}";
        var prefix = n.Kind switch
        {
            NotificationKind.Escalation => "ESCALATED (not acknowledged) ",
            NotificationKind.Acknowledge => "Acknowledged ",
            NotificationKind.Resolve => "Resolved ",
            NotificationKind.FollowUp => "More problems ",
            _ => string.Empty,
        };
        // One alert's evidence already ends with the mark; a grouped line names the worst so no page hides it.
        var missing = items.Count > 1 ? items.Max(EventsMissing) : 0;
        var incomplete = missing > 0 ? $" (judged with {missing} {(missing == 1 ? "event" : "events")} missing)" : string.Empty;
        return $"{prefix}{severity.ToString().ToUpperInvariant()} {where}: {what}{incomplete}";
    }

    // Each problem of a grouped page with its own numbers, so the pager shows what is wrong, not only which rule.
    private static string Problem(Alert a)
    {
        var values = EvidenceText.Values(a.EvidenceValues);
        return (values.Count > 0 ? $"{a.RuleId} {string.Join(", ", values)}" : a.RuleId) + When(a);
    }

    // A page about an old reading says how old: the device time and the mark, only when it arrived late.
    private static string When(Alert a) =>
        a is { ArrivedLate: true, OccurredAt: { } occurred }
            ? $" (occurred {ClinicalPrecision.Time(occurred)}, detected {ClinicalPrecision.Time(a.DetectedAt)}: arrived late)"
            : string.Empty;

    private static long EventsMissing(Alert a) =>
        a.EvidenceValues.TryGetValue(Finding.EventsMissingKey, out var missing) ? (long)missing : 0;

    private string Url(string path) => baseUrl + path;

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
