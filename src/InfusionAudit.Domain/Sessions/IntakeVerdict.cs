namespace InfusionAudit.Domain.Sessions;

/// <summary>What <see cref="SessionIntake.Classify"/> decides for one incoming event of a session.</summary>
public enum IntakeVerdict
{
    /// <summary>Not stored and not earlier in the message: the event joins the session.</summary>
    New,

    /// <summary>The same event (equal in every field) is already stored, or came earlier in the same message.</summary>
    Duplicate,

    /// <summary>Stored, but by an earlier attempt of this very write (a chunked write that then conflicted): still this call's own.</summary>
    StoredByThisWrite,

    /// <summary>The event id is taken by a different event of the session: refused with <see cref="SessionIntake.EventIdReused"/>.</summary>
    EventIdReused,
}
