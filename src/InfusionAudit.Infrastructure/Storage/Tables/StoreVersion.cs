using Azure;

namespace InfusionAudit.Infrastructure.Storage.Tables;

/// <summary>
/// A row's ETag as the ports carry it: an opaque string (null for none), and back. The string is the ETag's own value,
/// so a version read, handed to Application and returned guards the write exactly as the ETag did.
/// </summary>
internal static class StoreVersion
{
    public static string? Of(ETag? etag) => etag is { } value && value != default ? value.ToString() : null;

    public static ETag ToETag(string version) => new(version);

    public static ETag? ToETagOrNull(string? version) => version is null ? null : new ETag(version);
}
