using System.Text;

namespace InfusionAudit.Application.Ports.Alerts;

/// <summary>Table continuation tokens made URL-safe (base64url), and read back; a token that does not decode is refused.</summary>
public static class ContinuationTokens
{
    public static string? Encode(string? token) =>
        string.IsNullOrEmpty(token) ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(token)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? text, out string? token)
    {
        token = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (text.Length > 2048)
        {
            return false;
        }

        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - base64.Length % 4) % 4);
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, buffer, out var written))
        {
            return false;
        }

        token = Encoding.UTF8.GetString(buffer, 0, written);
        return true;
    }
}
