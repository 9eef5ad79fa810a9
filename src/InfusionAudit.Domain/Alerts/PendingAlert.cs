using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Alerts;

/// <summary>
/// A problem judged with events missing whose page waits, for at most <see cref="AlertPolicyOptions.GapHold"/>, for the
/// missing events: they are most often in flight (a dead host's messages come back within one message hold), and their
/// arrival may withdraw the problem. Not an alert yet: nobody was told, so dropping it when the finding is withdrawn
/// silences nothing; the finding itself is stored at once either way.
/// </summary>
/// <param name="AlertId">The alert it becomes.</param>
/// <param name="Finding">The finding as last judged (its evidence says how many events are missing).</param>
/// <param name="DeviceIds">The devices the alert concerns.</param>
/// <param name="HeldAt">When the page was held back.</param>
/// <param name="RaiseAt">When it is raised if the finding still stands with events missing.</param>
/// <param name="Occurrence">When the problem happened and whether it arrived late (null in pages held before it was recorded).</param>
public sealed record PendingAlert(string AlertId, Finding Finding, IReadOnlyList<string> DeviceIds, DateTimeOffset HeldAt, DateTimeOffset RaiseAt, TriggerOccurrence? Occurrence = null);
