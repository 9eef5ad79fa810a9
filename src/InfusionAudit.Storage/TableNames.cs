namespace InfusionAudit.Storage;

/// <summary>The tables the system owns. Names are part of the deployment (infra/ creates them too).</summary>
public static class TableNames
{
    /// <summary>One partition per session: its state row, its event log and its findings, written in one transaction.</summary>
    public const string Sessions = "Sessions";

    /// <summary>Rejected input, partitioned by clinic and receive date.</summary>
    public const string RejectedEvents = "RejectedEvents";

    /// <summary>Index: sessions of a clinic by date, maintained by the writer.</summary>
    public const string SessionsByClinic = "SessionsByClinic";

    /// <summary>Index: sessions of a patient (keyed by the patient reference hash), for the 24 h interval rule.</summary>
    public const string SessionsByPatient = "SessionsByPatient";

    /// <summary>Index: sessions not yet ended, which the timer checks for overdue, silent and missing starts.</summary>
    public const string OpenSessions = "OpenSessions";

    public static IReadOnlyList<string> All { get; } = [Sessions, RejectedEvents, SessionsByClinic, SessionsByPatient, OpenSessions];
}
