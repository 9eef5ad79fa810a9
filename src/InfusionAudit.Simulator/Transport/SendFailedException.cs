namespace InfusionAudit.Simulator.Transport;

/// <summary>A message could not be delivered after the sender's own retries.</summary>
/// <param name="message">What went wrong, for the operator.</param>
/// <param name="fatal">True when every further message would fail the same way (wrong key, wrong URL): stop sending.</param>
/// <param name="innerException">The transport's own error.</param>
public sealed class SendFailedException(string message, bool fatal, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>True when every further message would fail the same way: stop sending.</summary>
    public bool Fatal { get; } = fatal;
}
