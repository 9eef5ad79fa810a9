namespace InfusionAudit.Application.Ports.Sessions;

/// <summary>Another writer changed the session (or stored one of the same events) since it was read; read again and retry.</summary>
public sealed class SessionWriteConflictException : Exception
{
    public SessionWriteConflictException()
    {
    }

    public SessionWriteConflictException(string message)
        : base(message)
    {
    }

    public SessionWriteConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
