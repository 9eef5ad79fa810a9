using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// Reads a request body up to a limit without holding more than one byte past it: an oversized body is cut at the
/// limit (its head is kept for the stored rejection's trace) instead of being buffered whole.
/// </summary>
internal static class LimitedBody
{
    /// <returns>The bytes read (at most <paramref name="limit"/>), and whether that is the whole body.</returns>
    public static async Task<(byte[] Bytes, bool Complete)> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            var room = limit + 1 - (int)buffer.Length;
            buffer.Write(chunk, 0, Math.Min(read, room));
            if (buffer.Length > limit)
            {
                return (buffer.GetBuffer().AsSpan(0, limit).ToArray(), false);
            }
        }

        return (buffer.ToArray(), true);
    }
}
