namespace InfusionAudit.Infrastructure.Storage;

/// <summary>The tables the system owns. Names are part of the deployment (infra/ creates them too).</summary>
public static class TableNames
{
    /// <summary>
    /// One partition per clinic; each session's state row, event log and findings sit under row keys starting with its
    /// id, so a session is written in one transaction, and the sessions of one message share it.
    /// </summary>
    public const string Sessions = "Sessions";

    /// <summary>Which clinic holds each session, the sessions not yet ended, and each patient's sessions (by hash).</summary>
    public const string SessionDirectory = "SessionDirectory";

    /// <summary>Rejected input, partitioned by clinic and receive date.</summary>
    public const string RejectedEvents = "RejectedEvents";

    /// <summary>Index: sessions of a clinic by date, maintained by the writer.</summary>
    public const string SessionsByClinic = "SessionsByClinic";

    /// <summary>Index: findings of a clinic by detection month and time, maintained by the writer for audit queries.</summary>
    public const string FindingsByClinic = "FindingsByClinic";

    /// <summary>Who read audit data, when, what and how much; one partition per UTC day.</summary>
    public const string AccessLog = "AccessLog";

    /// <summary>Alerts, one partition per session: group bookkeeping, alerts with their history, and the notification outbox.</summary>
    public const string Alerts = "Alerts";

    /// <summary>Index: sessions with alert timer work (due partition) and alerts of a clinic by state, newest first.</summary>
    public const string AlertIndex = "AlertIndex";

    /// <summary>Silences (maintenance windows) of clinics and devices; never deleted, only expired.</summary>
    public const string AlertSilences = "AlertSilences";

    public static IReadOnlyList<string> All { get; } = [Sessions, SessionDirectory, RejectedEvents, SessionsByClinic, FindingsByClinic, AccessLog, Alerts, AlertIndex, AlertSilences];
}
