using Azure.Data.Tables;

namespace InfusionAudit.Infrastructure.Storage.Tables;

/// <summary>
/// What an entity costs on the wire in a transaction body (JSON: strings as UTF-16 upper bound, binary in base64), an
/// over-estimate used to keep transactions under their 4 MiB limit.
/// </summary>
internal static class EntitySize
{
    private const int PerProperty = 48;
    private const int PerEntity = 512;

    public static long Estimate(ITableEntity row)
    {
        if (row is not TableEntity entity)
        {
            throw new ArgumentException($"Only {nameof(TableEntity)} rows can be sized.", nameof(row));
        }

        long bytes = PerEntity + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2);
        foreach (var (name, value) in entity)
        {
            bytes += PerProperty + (name.Length * 2) + value switch
            {
                string text => text.Length * 3,
                byte[] binary => ((binary.Length + 2) / 3 * 4) + 2,
                BinaryData data => ((data.ToMemory().Length + 2) / 3 * 4) + 2,
                _ => 40,
            };
        }

        return bytes;
    }
}
