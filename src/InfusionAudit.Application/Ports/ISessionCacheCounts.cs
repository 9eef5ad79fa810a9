using InfusionAudit.Application.Diagnostics;

namespace InfusionAudit.Application.Ports;

/// <summary>The session cache's counts, for the diagnostics counters.</summary>
public interface ISessionCacheCounts
{
    SessionCacheSnapshot CacheSnapshot();
}
