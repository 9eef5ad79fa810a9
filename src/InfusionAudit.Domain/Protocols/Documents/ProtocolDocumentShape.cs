using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>
/// Binds a protocol file to <see cref="ProtocolDocument"/>. Before binding, every field is checked against the record it
/// binds to (known name, JSON type), so that every misspelt field and wrong type is reported with its path rather than
/// the first one only; such fields are then left out and read as absent.
/// </summary>
internal static class ProtocolDocumentShape
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public static ProtocolDocument Bind(JsonObject root, ProtocolChecks checks)
    {
        CheckObject(root, typeof(ProtocolDocument), "", checks);
        return root.Deserialize<ProtocolDocument>(Options) ?? throw new JsonException("a protocol file bound to null");
    }

    private static void CheckObject(JsonObject node, Type type, string path, ProtocolChecks checks)
    {
        var properties = Options.GetTypeInfo(type).Properties;
        foreach (var (name, value) in node.ToList())
        {
            var fieldPath = ProtocolChecks.Path(path, name);
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
            if (property is null)
            {
                // Unknown fields are problems: a misspelt threshold must not silently fall back to its default.
                checks.ShapeProblem(fieldPath, "is not a known field");
                node.Remove(name);
            }
            else if (value is not null && !CheckValue(value, property.PropertyType, fieldPath, checks))
            {
                node.Remove(name);
            }
        }
    }

    private static bool CheckValue(JsonNode value, Type type, string path, ProtocolChecks checks)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var kind = value.GetValueKind();
        if (type == typeof(double))
        {
            return Expect(kind == JsonValueKind.Number && Element(value).TryGetDouble(out var number) && double.IsFinite(number),
                path, $"must be a number (got {value.ToJsonString()})", checks);
        }

        if (type == typeof(int))
        {
            return Expect(kind == JsonValueKind.Number && Element(value).TryGetInt32(out _),
                path, $"must be an integer (got {value.ToJsonString()})", checks);
        }

        if (type == typeof(bool))
        {
            return Expect(kind is JsonValueKind.True or JsonValueKind.False, path, "must be true or false", checks);
        }

        if (type == typeof(string))
        {
            return Expect(kind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetValue<string>()),
                path, "must be a non-empty string", checks);
        }

        if (type == typeof(double[]))
        {
            if (!Expect(value is JsonArray { Count: > 0 }, path, "must be a non-empty array of numbers", checks))
            {
                return false;
            }

            var ok = true;
            var items = value.AsArray();
            for (var i = 0; i < items.Count; i++)
            {
                ok &= items[i] is { } item
                    ? CheckValue(item, typeof(double), $"{path}[{i}]", checks)
                    : Expect(false, $"{path}[{i}]", "must be a number (got null)", checks);
            }

            if (!ok)
            {
                checks.LeftOut(path);
            }

            return ok;
        }

        if (type == typeof(string[]))
        {
            if (!Expect(value is JsonArray, path, "must be an array of strings", checks))
            {
                return false;
            }

            var ok = true;
            var items = value.AsArray();
            for (var i = 0; i < items.Count; i++)
            {
                ok &= items[i] is { } item
                    ? CheckValue(item, typeof(string), $"{path}[{i}]", checks)
                    : Expect(false, $"{path}[{i}]", "must be a non-empty string (got null)", checks);
            }

            if (!ok)
            {
                checks.LeftOut(path);
            }

            return ok;
        }

        if (!Expect(value is JsonObject, path, "must be an object", checks))
        {
            return false;
        }

        CheckObject(value.AsObject(), type, path, checks);
        return true;
    }

    private static bool Expect(bool condition, string path, string problem, ProtocolChecks checks)
    {
        if (!condition)
        {
            checks.ShapeProblem(path, problem);
        }

        return condition;
    }

    private static JsonElement Element(JsonNode value) =>
        value is JsonValue leaf && leaf.TryGetValue<JsonElement>(out var element) ? element : JsonSerializer.SerializeToElement(value);
}
