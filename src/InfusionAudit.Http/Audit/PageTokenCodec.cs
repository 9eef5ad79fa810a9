using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Application.Ports.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Http.Audit;

/// <summary>
/// The opaque continuation token of audit list routes: base64url of the storage cursor, sealed with an HMAC over the
/// cursor and a fingerprint of the query it belongs to (path and every filter). A token therefore cannot be replayed
/// against another clinic, range or filter, nor edited to point the SDK somewhere else; page size and format may
/// change between pages. The MAC key is derived from the patient hash key, so every host instance accepts every token.
/// </summary>
public sealed class PageTokenCodec
{
    private const int MaxLength = 4096;
    private const int MacBytes = 16;

    private readonly byte[] key;

    public PageTokenCodec(IOptions<InfusionAuditOptions> options)
    {
        key = HMACSHA256.HashData(PatientHashKey.Parse(options.Value.PatientHashKey), "InfusionAudit page tokens v1"u8);
    }

    /// <summary>A short hash of the request path and its query parameters, except the paging and format ones.</summary>
    public static string Fingerprint(HttpRequest request)
    {
        var canonical = new StringBuilder(request.Path.Value ?? string.Empty);
        foreach (var (name, values) in request.Query.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            if (name is AuditParameters.ContinuationTokenName or AuditParameters.PageSizeName or AuditParameters.FormatName)
            {
                continue;
            }

            canonical.Append('\n').Append(name).Append('=').Append(string.Join('\u001f', values.ToArray()));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())), 0, 16);
    }

    /// <summary>
    /// Reads the paging parameters every audit list shares (page size, format, continuation token), reporting problems
    /// on <paramref name="parameters"/> like the list's own.
    /// </summary>
    public AuditListPage ReadPage(HttpRequest request, AuditParameters parameters)
    {
        var take = parameters.PageSize();
        var format = AuditFormats.Read(request, parameters);
        var fingerprint = Fingerprint(request);
        return new AuditListPage(take, format, Decode(parameters.ContinuationToken(), fingerprint, parameters), fingerprint);
    }

    /// <summary>One page of a list in the format asked, with the token of the next page bound to the same query.</summary>
    public AuditAnswer Answer<T>(AuditListPage page, IReadOnlyList<T> rows, StorageCursor? next, CsvColumns<T> csv) =>
        AuditAnswer.Page(page.Format, rows, Encode(next, page.Fingerprint), csv);

    public string? Encode(StorageCursor? cursor, string fingerprint)
    {
        if (cursor is null)
        {
            return null;
        }

        var body = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Payload(cursor.Partition, cursor.Token)));
        return body + "." + Base64Url.EncodeToString(Mac(body, fingerprint));
    }

    /// <summary>Reads a token; reports a problem on <paramref name="parameters"/> when it is malformed, edited or from another query.</summary>
    public StorageCursor? Decode(string? token, string fingerprint, AuditParameters parameters)
    {
        if (token is null)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (token.Length > MaxLength || dot <= 0)
        {
            parameters.Fail(AuditParameters.ContinuationTokenName, "Not a continuation token of this API. Pass the token of the previous page unchanged.");
            return null;
        }

        var body = token[..dot];
        byte[] presentedMac;
        try
        {
            presentedMac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            presentedMac = [];
        }

        if (!CryptographicOperations.FixedTimeEquals(presentedMac, Mac(body, fingerprint)))
        {
            parameters.Fail(AuditParameters.ContinuationTokenName, "This token was not issued for this query: repeat the path and filters of the page it came from, unchanged.");
            return null;
        }

        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(body));
            if (payload is { P: >= 0 })
            {
                return new StorageCursor(payload.P, payload.T);
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            // A token we sealed always decodes; fall through to the same answer as a forged one.
        }

        parameters.Fail(AuditParameters.ContinuationTokenName, "Not a continuation token of this API.");
        return null;
    }

    private byte[] Mac(string body, string fingerprint) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(fingerprint + "\n" + body))[..MacBytes];

    // Short names: the token travels in URLs.
    private sealed record Payload(int P, string? T);
}
