namespace InfusionAudit.Application.Ports.Alerts;

/// <summary>Another writer changed the session's alerts since they were read: read again and decide again.</summary>
public sealed class AlertWriteConflictException : Exception
{
    public AlertWriteConflictException()
    {
    }

    public AlertWriteConflictException(string message)
        : base(message)
    {
    }

    public AlertWriteConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
