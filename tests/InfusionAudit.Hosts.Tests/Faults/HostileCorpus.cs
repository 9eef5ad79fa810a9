using InfusionAudit.Testing;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace InfusionAudit.Hosts.Tests.Faults;

/// <summary>
/// Generates hostile device messages from the contract's own valid examples (tests/InfusionAudit.Domain.Tests/Contract/
/// Corpus/valid): keys dropped, renamed or re-cased, wrong JSON types, absurd and non-finite-looking numbers, control
/// characters and lone surrogates, escaped key names, OData filter syntax and key-forbidden characters in ids, long
/// strings, deep nesting, truncation at a byte offset, bytes that are not JSON, queue bodies that are not base64,
/// batches that mix good and bad events, duplicate event ids with different content, oversized events and bodies.
/// Every patient reference is a canary, so a scan afterwards can prove none of them got out in clear.
/// </summary>
public sealed class HostileCorpus
{
    /// <summary>Ids in OData filter syntax, with characters a table key forbids, or odd but valid ones.</summary>
    private static readonly string[] HostileIds =
    [
        "a' or 'a' eq 'a", "S-1' or PartitionKey ne '", "x') or (RowKey ge '", "a/b", "a#b", "a?b", "a\\b", "%27", "'", "\"",
        "a b", "..", ":", "-", ".", "~unknown", "a\u0000b", "a\tb", "\u00e9", "\U0001F489", "", " ", "PartitionKey eq 'x'",
        new string('x', 65), "$filter=RowKey", "a|b", "a\u2028b",
    ];

    /// <summary>Values of every JSON type, around every bound, and numbers that look non-finite.</summary>
    private static readonly string[] Literals =
    [
        "null", "true", "false", "0", "-0", "-1", "1.5", "1e-300", "1e300", "1e308", "1.7976931348623157e308", "1e400", "-1e400",
        "0.1e-400", "123456789012345678901234567890", "9223372036854775808", "1000000001", "1e9", "\"70\"", "\"NaN\"",
        "\"Infinity\"", "\"\"", "[]", "[1,2]", "{}", "{\"a\":{\"b\":[null]}}", "\"2026-02-29T00:00:00Z\"",
    ];

    /// <summary>Number spellings JSON does not allow, written over a number in the text.</summary>
    private static readonly string[] BadNumbers = ["NaN", "Infinity", "-Infinity", "1e", "0x10", "01", "+1", ".5", "1.", "--1", "1_000"];

    private static readonly string[] PatientKeySpellings =
        ["PatientRef", "patient_ref", "PATIENT-REF", "patientId", "pateintRef", "mrn", "patient\\u0052ef", "Patient\\u005fRef", "patientReference", "medicalRecordNo"];

    private static readonly string[] ControlCharacters = ["\u0000", "\u0001", "\u0007", "\b", "\n", "\r", "\u001b", "\u001f", "\u007f", "\u2028", "\uFEFF", "\ud800", "\udc00"];

    private static readonly string[] EscapedSurrogates = ["\\ud800", "\\udc00", "\\udbff\\ud800", "\\ud83d", "\\uDFFF"];

    private readonly JsonObject[] templates;
    private readonly string run;
    private readonly List<string> canaries = [];

    public HostileCorpus(string run)
    {
        this.run = run;
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "InfusionAudit.Domain.Tests", "Contract", "Corpus", "valid");
        templates = [.. Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .Select(f => JsonNode.Parse(File.ReadAllText(f)))
            .OfType<JsonObject>()];
    }

    public string ClinicId => run + "-c";

    /// <summary>Every patient reference the corpus wrote (only ever under a key the redactor must treat as a patient key).</summary>
    public IReadOnlyList<string> Canaries => canaries;

    /// <summary>One input: one message, or two for a duplicate id sent again with different content.</summary>
    public Gen<HostileMessage[]> Messages => Gen.Frequency(
        (30, Batch.Select(m => new[] { m })),
        (20, Single.Select(m => new[] { m })),
        (6, DuplicatePair),
        (4, Bytes.Select(m => new[] { m })),
        (4, NotBase64.Select(m => new[] { m })),
        (2, Truncated.Select(m => new[] { m })),
        (2, Edge.Select(m => new[] { m })));

    /// <summary>A valid contract event with this run's ids and a canary patient reference.</summary>
    private Gen<JsonObject> Valid => Gen.Select(Gen.Int[0, templates.Length - 1], Gen.Int[0, 999_999_999], Gen.Int[0, 15], Gen.Int[0, 10_000], (t, id, session, sequence) =>
    {
        var e = templates[t].DeepClone().AsObject();
        e["eventId"] = $"{run}-{id}";
        e["sessionId"] = $"{run}-S{session}";
        e["clinicId"] = ClinicId;
        e["sequence"] = sequence;
        if (e["payload"] is JsonObject payload && payload.ContainsKey("patientRef"))
        {
            payload["patientRef"] = Canary(id);
        }

        return e;
    });

    /// <summary>A valid event with 0 to 2 mutations, as text.</summary>
    private Gen<string> Event => Gen.Select(Valid, Mutation.Array[0, 2], (e, mutations) =>
    {
        var text = e.ToJsonString();
        foreach (var mutate in mutations)
        {
            text = mutate(text);
        }

        return text;
    });

    private Gen<HostileMessage> Single => Event.Select(text => Message("event", text));

    /// <summary>1 to 8 events, good and bad mixed; now and then the 101 events past the batch limit or an empty array.</summary>
    private Gen<HostileMessage> Batch => Gen.Frequency(
        (40, Event.Array[1, 8].Select(events => Message("batch", "[" + string.Join(",", events) + "]"))),
        (1, Valid.Select(e => Message("batch of 101", "[" + string.Join(",", Enumerable.Repeat(e.ToJsonString(), 101)) + "]"))),
        (1, Gen.Const(0).Select(_ => Message("empty batch", "[]"))));

    /// <summary>One event id twice with different content: in one batch, or in two messages.</summary>
    private Gen<HostileMessage[]> DuplicatePair => Gen.Select<JsonObject, bool, int, HostileMessage[]>(Valid, Gen.Bool, Gen.Int[0, 9], (e, together, change) =>
    {
        var other = e.DeepClone().AsObject();
        other["sequence"] = (other["sequence"]?.GetValue<int>() ?? 0) + 1 + change;
        other["payload"]!.AsObject()["unknownNote"] = "second copy " + change.ToString(CultureInfo.InvariantCulture);
        return together
            ? [Message("duplicate id in one batch", "[" + e.ToJsonString() + "," + other.ToJsonString() + "]")]
            : [Message("duplicate id", e.ToJsonString()), Message("duplicate id, second copy", other.ToJsonString())];
    });

    private Gen<HostileMessage> Bytes => Gen.Byte.Array[0, 300].Select(bytes => new HostileMessage("bytes", bytes, NotBase64: false));

    /// <summary>Queue text that is not base64 (over HTTP the same text is simply the body).</summary>
    private Gen<HostileMessage> NotBase64 => Gen.Select(Event, Gen.Bool, (text, json) =>
        new HostileMessage("not base64", Encoding.UTF8.GetBytes(json ? text : "not base64 at all: " + text[..Math.Min(20, text.Length)]), NotBase64: true));

    /// <summary>A batch cut at a random byte offset (possibly inside a multi-byte character).</summary>
    private Gen<HostileMessage> Truncated => Gen.Select(Event.Array[1, 4], Gen.Double[0, 1], (events, at) =>
    {
        var bytes = Encoding.UTF8.GetBytes("[" + string.Join(",", events) + "]");
        return new HostileMessage("truncated", bytes[..(int)(bytes.Length * at)], NotBase64: false);
    });

    /// <summary>Oversized events and bodies, and nesting at and past the parser's depth limit.</summary>
    private Gen<HostileMessage> Edge => Gen.Select(Valid, Gen.Int[0, 3], (e, kind) =>
    {
        var text = e.ToJsonString();
        return kind switch
        {
            0 => Message("event over 64 KiB", "[" + Insert(text, "\"deviceLog\":\"" + new string('x', 70 * 1024) + "\",") + "," + text.Replace(run + "-", run + "-big", StringComparison.Ordinal) + "]"),
            1 => Message("body over 1 MiB", "[" + Insert(text, "\"deviceLog\":\"" + new string('y', 1_100_000) + "\",") + "]"),
            2 => Message("nested 65 deep", Insert(text, "\"deep\":" + new string('[', 65) + new string(']', 65) + ",")),
            _ => Message("nested 5000 deep, unterminated", Insert(text, "\"deep\":" + new string('{', 1) + string.Concat(Enumerable.Repeat("\"a\":{", 5_000)))),
        };
    });

    /// <summary>One text mutation of a serialised event.</summary>
    private Gen<Func<string, string>> Mutation => Gen.Frequency(
        (4, Gen.Select(Key, Gen.Int[0, 4], (key, how) => (Func<string, string>)(text => RenameKey(text, key, how)))),
        (3, Key.Select(key => (Func<string, string>)(text => DropKey(text, key)))),
        (5, Gen.Select(Key, Gen.OneOfConst(Literals), (key, literal) => (Func<string, string>)(text => SetValue(text, key, literal)))),
        (3, Gen.Select(Gen.OneOfConst("eventId", "sessionId", "clinicId", "deviceId"), Gen.OneOfConst(HostileIds), (key, id) => (Func<string, string>)(text => SetValue(text, key, new JsonArray(id)[0]!.ToJsonString())))),
        (3, Gen.Select(Gen.Int[0, 10_000], Gen.OneOfConst(ControlCharacters), (at, c) => (Func<string, string>)(text => InsertInString(text, at, JsonEscapeOrRaw(c))))),
        (2, Gen.Select(Gen.Int[0, 10_000], Gen.OneOfConst(EscapedSurrogates), (at, s) => (Func<string, string>)(text => InsertInString(text, at, s)))),
        (1, Gen.Select(Gen.Int[0, 10_000], Gen.OneOfConst([.. EscapedSurrogates, .. ControlCharacters]), (at, s) => (Func<string, string>)(text => InsertAfterQuote(text, at, s)))),
        (2, Gen.Select(Gen.Int[0, 10_000], Gen.OneOfConst(BadNumbers), (at, n) => (Func<string, string>)(text => ReplaceNumber(text, at, n)))),
        (2, Gen.Select(Key, Gen.OneOfConst(65, 129, 201, 501, 5_000, 40_000), (key, length) => (Func<string, string>)(text => SetValue(text, key, "\"" + new string('z', length) + "\"")))),
        (2, Gen.Int[1, 80].Select(depth => (Func<string, string>)(text => Insert(text, "\"nested\":" + new string('[', depth) + new string(']', depth) + ",")))),
        (2, Key.Select(key => (Func<string, string>)(text => EscapeKey(text, key)))),
        (1, Key.Select(key => (Func<string, string>)(text => DuplicateKey(text, key)))),
        (1, Gen.OneOfConst(PatientKeySpellings).Select(spelling => (Func<string, string>)(text => RenameKeyTo(text, "patientRef", spelling)))));

    private static Gen<string> Key => Gen.OneOfConst(
        "schemaVersion", "eventId", "type", "sessionId", "clinicId", "deviceId", "sequence", "occurredAt", "payload", "patientRef", "protocolId",
        "route", "weightKg", "prescribedDoseMgPerKg", "plannedDurationMin", "concentrationMgPerMl", "rateMlPerHour", "doseMg", "reason", "effect",
        "severity", "note", "heartRateBpm", "volumeInfusedMl");

    private string Canary(int id)
    {
        var canary = "CNRY" + run.ToUpperInvariant() + id.ToString(CultureInfo.InvariantCulture);
        lock (canaries)
        {
            canaries.Add(canary);
        }

        return canary;
    }

    private static HostileMessage Message(string kind, string text) => new(kind, Encoding.UTF8.GetBytes(text), NotBase64: false);

    private static string Quoted(string key) => "\"" + key + "\":";

    /// <summary>Re-cases, snake-cases or garbles a key; a patient reference key keeps a spelling the redactor must know.</summary>
    private static string RenameKey(string text, string key, int how)
    {
        if (key == "patientRef")
        {
            return RenameKeyTo(text, key, PatientKeySpellings[how % PatientKeySpellings.Length]);
        }

        var renamed = how switch
        {
            0 => key.ToUpperInvariant(),
            1 => char.ToUpperInvariant(key[0]) + key[1..],
            2 => string.Concat(key.Select(c => char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString())),
            3 => key + " ",
            _ => key[..^1],
        };
        return RenameKeyTo(text, key, renamed);
    }

    private static string RenameKeyTo(string text, string key, string renamed) => text.Replace(Quoted(key), Quoted(renamed), StringComparison.Ordinal);

    private static string EscapeKey(string text, string key) =>
        text.Replace(Quoted(key), "\"\\u" + ((int)key[0]).ToString("x4", CultureInfo.InvariantCulture) + key[1..] + "\":", StringComparison.Ordinal);

    /// <summary>Edits the event as a tree; text an earlier mutation already broke is left as it is.</summary>
    private static string OnTree(string text, Func<JsonObject, string> edit)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject node ? edit(node) : text;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return text;
        }
    }

    private static string DropKey(string text, string key) => OnTree(text, node =>
    {
        node.Remove(key);
        (node["payload"] as JsonObject)?.Remove(key);
        return node.ToJsonString();
    });

    private static string SetValue(string text, string key, string literal) => OnTree(text, node =>
    {
        var target = node.ContainsKey(key) || node["payload"] is not JsonObject payload ? node : payload;
        target[key] = JsonNode.Parse("[" + literal + "]")!.AsArray()[0]?.DeepClone();
        var json = node.ToJsonString();

        // JsonNode rewrites numbers it cannot hold (1e400) as they were only when it keeps their text: write them in the text.
        return literal.Contains("e4", StringComparison.Ordinal) || literal.Length > 20
            ? json.Replace(Quoted(key) + JsonNode.Parse("[" + literal + "]")!.AsArray()[0]?.ToJsonString(), Quoted(key) + literal, StringComparison.Ordinal)
            : json;
    });

    private static string DuplicateKey(string text, string key)
    {
        var at = text.IndexOf(Quoted(key), StringComparison.Ordinal);
        return at < 0 ? text : text.Insert(at, Quoted(key) + "1,");
    }

    /// <summary>Inserts a property right after the first brace of the event.</summary>
    private static string Insert(string text, string property) => text.Length > 0 && text[0] == '{' ? "{" + property + text[1..] : text;

    /// <summary>Inserts right after the first quote past a position, opening or closing: often junk between tokens.</summary>
    private static string InsertAfterQuote(string text, int at, string what)
    {
        var quote = text.IndexOf('"', at % Math.Max(1, text.Length));
        return quote < 0 ? text : text.Insert(quote + 1, what);
    }

    /// <summary>Inserts at the start of the first string (value or key) that opens after a position.</summary>
    private static string InsertInString(string text, int at, string what)
    {
        var from = at % Math.Max(1, text.Length);
        var open = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                open = !open;
                if (open && i >= from)
                {
                    return text.Insert(i + 1, what);
                }
            }
        }

        return text;
    }

    private static string ReplaceNumber(string text, int at, string bad)
    {
        for (var i = at % Math.Max(1, text.Length); i < text.Length; i++)
        {
            if (text[i] == ':' && i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || text[i + 1] == '-'))
            {
                var end = i + 1;
                while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '-' or '.' or 'e' or 'E' or '+'))
                {
                    end++;
                }

                return string.Concat(text.AsSpan(0, i + 1), bad, text.AsSpan(end));
            }
        }

        return text;
    }

    /// <summary>Control characters go in escaped (ESC raw, which is not JSON); surrogates raw (UTF-8 turns them into U+FFFD).</summary>
    private static string JsonEscapeOrRaw(string c) => c[0] < 0x20 && c[0] != '\u001b' ? "\\u" + ((int)c[0]).ToString("x4", CultureInfo.InvariantCulture) : c;
}
