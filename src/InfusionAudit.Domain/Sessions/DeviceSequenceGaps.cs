namespace InfusionAudit.Domain.Sessions;

/// <summary>Sequence numbers missing from one counter of a session.</summary>
/// <param name="DeviceId">The device whose own counter it is; null when the session's devices share one counter.</param>
/// <param name="Lowest">Lowest number received on the counter.</param>
/// <param name="Highest">Highest number received on the counter.</param>
/// <param name="MissingCount">How many numbers between them are missing.</param>
/// <param name="Missing">The first missing numbers, ascending, at most <see cref="SessionEngine.MaxListedMissingSequences"/>.</param>
public sealed record DeviceSequenceGaps(string? DeviceId, long Lowest, long Highest, long MissingCount, IReadOnlyList<long> Missing);
