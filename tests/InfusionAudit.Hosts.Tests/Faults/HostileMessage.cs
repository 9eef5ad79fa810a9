namespace InfusionAudit.Hosts.Tests.Faults;

/// <summary>One generated device message: its bytes (UTF-8 JSON, or not), and whether a queue must carry them unencoded.</summary>
/// <param name="Kind">What the generator meant to break, for the failure report.</param>
/// <param name="Body">The HTTP body, or the bytes a queue message carries base64-encoded.</param>
/// <param name="NotBase64">Sent to the queue as raw text instead of base64.</param>
public sealed record HostileMessage(string Kind, byte[] Body, bool NotBase64);
