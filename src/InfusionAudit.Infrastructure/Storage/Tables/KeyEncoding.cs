using System.Text;

namespace InfusionAudit.Infrastructure.Storage.Tables;

/// <summary>Makes arbitrary text safe inside a PartitionKey or RowKey (no / \ # ? or control characters).</summary>
internal static class KeyEncoding
{
    public static string Escape(string value)
    {
        var needs = false;
        foreach (var c in value)
        {
            if (IsForbidden(c) || c == '%')
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (IsForbidden(c) || c == '%')
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsForbidden(char c) => c is '/' or '\\' or '#' or '?' || char.IsControl(c);
}
