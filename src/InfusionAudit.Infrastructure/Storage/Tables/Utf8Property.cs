using System.Text;
using Azure.Data.Tables;

namespace InfusionAudit.Infrastructure.Storage.Tables;

/// <summary>
/// Stores a long text as UTF-8 binary across several properties: a table property holds at most 64 KiB and a
/// string property only 32 K UTF-16 characters, while an entity may hold 1 MiB.
/// </summary>
internal static class Utf8Property
{
    private const int ChunkBytes = 64 * 1024;
    private const int MaxChunks = 15;

    public static void Write(TableEntity entity, string name, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var chunks = (bytes.Length + ChunkBytes - 1) / ChunkBytes;
        if (chunks > MaxChunks)
        {
            throw new InvalidOperationException($"Property {name} is {bytes.Length} bytes; at most {MaxChunks * ChunkBytes} fit in one entity.");
        }

        entity[name] = bytes.AsSpan(0, Math.Min(bytes.Length, ChunkBytes)).ToArray();
        for (var i = 1; i < chunks; i++)
        {
            var start = i * ChunkBytes;
            entity[$"{name}_{i}"] = bytes.AsSpan(start, Math.Min(ChunkBytes, bytes.Length - start)).ToArray();
        }
    }

    public static string Read(TableEntity entity, string name)
    {
        if (entity.GetBinary(name) is not { } first)
        {
            return entity.GetString(name) ?? string.Empty;
        }

        if (!entity.ContainsKey($"{name}_1"))
        {
            return Encoding.UTF8.GetString(first);
        }

        using var all = new MemoryStream();
        all.Write(first);
        for (var i = 1; entity.GetBinary($"{name}_{i}") is { } next; i++)
        {
            all.Write(next);
        }

        return Encoding.UTF8.GetString(all.GetBuffer(), 0, (int)all.Length);
    }
}
