using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Findings;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Alerts;

/// <summary>
/// One session's alerts driven through <see cref="AlertPolicy"/> the way the application does: every decision is
/// applied to the stored snapshot, and time comes from a <see cref="FakeTimeProvider"/>.
/// </summary>
internal sealed class AlertScenario
{
    public const string Session = "S-1";
    public const string Clinic = "abq-01";
    public const string Device = "pump-17";

    private readonly Dictionary<string, Alert> alerts = new(StringComparer.Ordinal);

    public AlertScenario(AlertPolicyOptions? options = null)
    {
        Policy = new AlertPolicy(options ?? AlertPolicyOptions.Default);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    public AlertPolicy Policy { get; }

    public AlertGroup? Group { get; private set; }

    public List<AlertNotification> Sent { get; } = [];

    public List<Silence> Silences { get; } = [];

    public SessionAlerts Snapshot => new(Group, [.. alerts.Values]);

    public DateTimeOffset Now => Clock.GetUtcNow();

    public Alert this[string ruleId, string episode = ""] => alerts[AlertIds.For(Clinic, Session, ruleId, episode)];

    public static Finding Finding(string ruleId, Severity severity = Severity.Critical, string episode = "", string clinic = Clinic, string? trigger = "e1") =>
        new(ruleId, severity, Session, clinic, "ketamine-iv-depression", 1, episode, $"{ruleId} evidence", new Dictionary<string, double> { ["systolicMmHg"] = 205 }, trigger, DateTimeOffset.UnixEpoch);

    public AlertChanges Raise(params Finding[] findings) => Apply(Policy.Raise(Snapshot, Session, Clinic, findings, _ => [Device], Silences, false, Now));

    /// <summary>A session write that stores <paramref name="newFindings"/> and whose evaluation now shows <paramref name="standing"/>.</summary>
    public AlertChanges Judge(IReadOnlyList<Finding> standing, params Finding[] newFindings) =>
        Apply(Policy.Raise(Snapshot, Session, Clinic, newFindings, _ => [Device], Silences, false, Now, standing));

    /// <summary>A finding whose evidence spans a sequence gap of <paramref name="missing"/> events.</summary>
    public static Finding JudgedWithMissing(string ruleId, long missing, string episode = "") =>
        Finding(ruleId, episode: episode) with
        {
            Evidence = $"{ruleId} evidence (judged with {missing} events missing)",
            EvidenceValues = new Dictionary<string, double> { ["deliveredMg"] = 60, [Findings.Finding.EventsMissingKey] = missing },
        };

    public AlertChanges Complete(params Finding[] findings) => Apply(Policy.Raise(Snapshot, Session, Clinic, findings, _ => [Device], Silences, true, Now));

    public AlertChanges Tick() => Apply(Policy.Tick(Snapshot, Silences, Now));

    public AlertCommandResult Acknowledge(string alertId, string by = "Dr. Ortiz") => Apply(AlertPolicy.Acknowledge(Snapshot, alertId, new AlertActor(by, "oncall:1234abcd"), null, Now));

    public AlertCommandResult Resolve(string alertId, string by = "Dr. Ortiz", string reason = "BP back to normal") => Apply(AlertPolicy.Resolve(Snapshot, alertId, new AlertActor(by, "oncall:1234abcd"), reason, Now));

    public void Advance(TimeSpan by) => Clock.Advance(by);

    private AlertCommandResult Apply(AlertCommandResult result)
    {
        if (result.Changes is { } changes)
        {
            Apply(changes);
        }

        return result;
    }

    private AlertChanges Apply(AlertChanges changes)
    {
        if (!changes.IsEmpty)
        {
            Group = changes.Group;
        }

        foreach (var alert in changes.Alerts)
        {
            alerts[alert.AlertId] = alert;
        }

        Sent.AddRange(changes.Notifications);
        return changes;
    }
}
