using Azure;

namespace InfusionAudit.Infrastructure.Storage.Tables;

/// <summary>Recognises the answer of storage to a request for a table that does not exist (any more).</summary>
internal static class TableMissing
{
    public const string ErrorCode = "TableNotFound";

    public static bool Is(RequestFailedException exception) =>
        exception.Status == 404 && string.Equals(exception.ErrorCode, ErrorCode, StringComparison.Ordinal);
}
