namespace InfusionAudit.Domain.Contract;

/// <summary>
/// The contract's id syntax, written once: 1 to 64 characters of <c>[A-Za-z0-9._:-]</c> (docs/event-contract.md). Ids
/// name table partitions and rows and appear in URLs, so nothing outside this set may reach storage or a route.
/// </summary>
public static class ContractId
{
    public const int MaxLength = 64;

    /// <summary>The syntax as a regular expression, for JSON Schema and OpenAPI.</summary>
    public const string Pattern = "^[A-Za-z0-9._:-]{1,64}$";

    public static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-';

    /// <summary>A UTF-8 byte of an allowed character (every allowed character is one ASCII byte).</summary>
    public static bool IsAllowed(byte b) => b < 0x80 && IsAllowed((char)b);

    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!IsAllowed(c))
            {
                return false;
            }
        }

        return true;
    }
}
