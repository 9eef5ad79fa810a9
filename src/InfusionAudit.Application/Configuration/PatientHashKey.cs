using System.Globalization;

namespace InfusionAudit.Application.Configuration;

/// <summary>Reads the configured patient hash key, hex or base64, and refuses to start without a strong one.</summary>
public static class PatientHashKey
{
    public const int MinimumBytes = 32;

    public static byte[] Parse(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                $"{InfusionAuditOptions.Section}:PatientHashKey is not set (environment variable InfusionAudit__PatientHashKey). " +
                $"Set a secret of at least {MinimumBytes} bytes as hex or base64; in Azure it comes from Key Vault.");
        }

        var text = configured.Trim();
        byte[] key;
        if (text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit))
        {
            key = Convert.FromHexString(text);
        }
        else
        {
            try
            {
                key = Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException($"{InfusionAuditOptions.Section}:PatientHashKey is neither hex nor base64.");
            }
        }

        return key.Length >= MinimumBytes
            ? key
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{InfusionAuditOptions.Section}:PatientHashKey has {key.Length} bytes; at least {MinimumBytes} are required."));
    }
}
