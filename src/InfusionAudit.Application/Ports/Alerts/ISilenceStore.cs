using InfusionAudit.Domain.Alerts;

namespace InfusionAudit.Application.Ports.Alerts;

/// <summary>Every silence ever made (never deleted, only expired), newest first.</summary>
public interface ISilenceStore
{
    /// <summary>A new silence id, unique across hosts, in the order the store lists silences (newest first).</summary>
    string NewId(DateTimeOffset createdAt);

    Task AddAsync(Silence silence, CancellationToken cancellationToken);

    /// <summary>A silence with its version token, or null when there is none with this id.</summary>
    Task<(Silence Silence, string ETag)?> GetAsync(string silenceId, CancellationToken cancellationToken);

    /// <summary>Replaces a silence (its expiry) if nobody changed it since it was read at <paramref name="etag"/>; false otherwise.</summary>
    Task<bool> ReplaceAsync(Silence silence, string etag, CancellationToken cancellationToken);

    /// <summary>The clinic's silences that have not ended at <paramref name="now"/> (some may not have started).</summary>
    Task<IReadOnlyList<Silence>> NotEndedAsync(string clinicId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A page of silences, newest first, of one clinic or of all.</summary>
    /// <exception cref="ArgumentException">The continuation token is not one this API issued.</exception>
    Task<SilencePage> PageAsync(string? clinicId, int pageSize, string? continuationToken, CancellationToken cancellationToken);
}
