namespace InfusionAudit.Application.Ports;

/// <summary>
/// Storage did not take a request (unreachable, busy, or refused for a reason other than the version guard a port
/// reports in its own terms). Ports say which of their calls throw it; the inner exception is the store's own.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
