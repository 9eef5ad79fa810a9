namespace InfusionAudit.Application.Diagnostics;

/// <summary>
/// How this host's session cache served writers since it started. Reads near the number of sessions each message
/// carries, message after message, mean the open sessions outgrew the cache and every message re-reads its sessions
/// (docs/operations.md, "Session cache").
/// </summary>
/// <param name="Hits">Writes of a session that found it in memory.</param>
/// <param name="Reads">Writes of a known session that had to read it from storage first (new sessions count in neither).</param>
/// <param name="Sessions">Sessions held now.</param>
/// <param name="Bytes">What they hold, by the cache's estimate.</param>
/// <param name="LimitBytes">The cache's bound (<c>InfusionAudit:SessionCacheMegabytes</c>).</param>
/// <param name="Declined">
/// Sessions not let in because the cache was full of sessions in use: the open sessions outgrew it, and these are
/// read from storage at each message while those held keep being served.
/// </param>
public sealed record SessionCacheSnapshot(long Hits, long Reads, int Sessions, long Bytes, long LimitBytes, long Declined);
