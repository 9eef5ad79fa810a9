namespace InfusionAudit.Application.Http;

/// <summary>The contract's id syntax (1–64 of [A-Za-z0-9._:-]) for ids that arrive in URLs.</summary>
public static class ContractIds
{
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
