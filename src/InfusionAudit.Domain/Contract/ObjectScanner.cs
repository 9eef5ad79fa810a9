using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace InfusionAudit.Domain.Contract;

/// <summary>One pass over a JSON object's properties: known fields into slots, unknown ones skipped, duplicates noticed.</summary>
internal static class ObjectScanner
{
    private const int MaxNameInPath = 64;

    /// <summary>
    /// Puts each property named in <paramref name="table"/> into its slot (first occurrence wins) and returns the first
    /// property name that occurs twice, known or not, or null. Bit <c>i</c> of <paramref name="duplicated"/> marks slot <c>i</c>.
    /// </summary>
    public static string? Scan(JsonElement obj, FieldNameTable table, Span<JsonElement> slots, out int duplicated)
    {
        duplicated = 0;
        string? firstDuplicate = null;
        List<string>? unknownNames = null;
        foreach (var property in obj.EnumerateObject())
        {
            var rawName = JsonMarshal.GetRawUtf8PropertyName(property);
            int index;
            string? decodedName = null;
            if (rawName.IndexOf((byte)'\\') < 0)
            {
                index = table.IndexOf(rawName);
            }
            else if (JsonStrings.HasUnpairedSurrogateEscape(rawName))
            {
                // Not Unicode, so not one of ours; its escaped form still identifies it for the duplicate check.
                index = -1;
                decodedName = Encoding.UTF8.GetString(rawName);
            }
            else
            {
                decodedName = property.Name;
                index = table.IndexOf(decodedName);
            }

            if (index >= 0)
            {
                if (slots[index].ValueKind == JsonValueKind.Undefined)
                {
                    slots[index] = property.Value;
                }
                else
                {
                    duplicated |= 1 << index;
                    firstDuplicate ??= table.Paths[index];
                }

                continue;
            }

            // Unknown fields are ignored, but the same one twice still makes the object ambiguous to other readers.
            decodedName ??= Encoding.UTF8.GetString(rawName);
            unknownNames ??= new List<string>(2);
            if (unknownNames.Contains(decodedName))
            {
                firstDuplicate ??= table.PathPrefix + Shorten(decodedName);
            }
            else
            {
                unknownNames.Add(decodedName);
            }
        }

        return firstDuplicate;
    }

    // A property name is producer text of any length; a rejection names it for people, and has to fit a table row.
    private static string Shorten(string name) => name.Length <= MaxNameInPath ? name : string.Concat(name.AsSpan(0, MaxNameInPath), "…");
}
