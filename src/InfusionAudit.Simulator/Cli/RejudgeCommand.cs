using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using InfusionAudit.Simulator.Transport;
using Spectre.Console;

namespace InfusionAudit.Simulator.Cli;

/// <summary>
/// <c>rejudge</c>: asks the backend to judge a stored session again against a protocol version
/// (<c>GET /api/sessions/{id}/replay</c>, with the auditor key of <c>--read-key</c> / <c>$INFUSIONAUDIT_AUDITOR_KEY</c>) and shows what differs from the stored findings.
/// </summary>
public static class RejudgeCommand
{
    /// <summary>Exit code when the stored findings are not reproduced (a "what if" that changes the verdict).</summary>
    public const int Differs = 4;

    /// <summary>Creates the command.</summary>
    public static Command Create(GlobalOptions globals, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(globals);
        ArgumentNullException.ThrowIfNull(context);
        var session = new Option<string>("--session", "-s") { Description = "Session id.", Required = true };
        var clinic = new Option<string?>("--clinic", "-c")
        {
            Description = "The session's clinic id: needed when several clinics use the session id (the backend answers 409).",
        };
        var version = new Option<int?>("--protocol-version", "-v")
        {
            Description = "Protocol version to judge against (default: the version the session was judged against).",
        };
        var json = new Option<bool>("--json") { Description = "Print the backend's JSON report instead of a table." };

        var command = new Command("rejudge", "Judge a stored session again against a protocol version and show the difference from its stored findings.");
        command.Add(session);
        command.Add(clinic);
        command.Add(version);
        command.Add(json);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var settings = globals.Resolve(result, context.Environment);
            var id = result.GetRequiredValue(session);
            var parameters = new List<string>();
            if (result.GetValue(clinic) is { Length: > 0 } clinicId)
            {
                parameters.Add("clinicId=" + Uri.EscapeDataString(clinicId));
            }

            if (result.GetValue(version) is { } v)
            {
                parameters.Add("protocolVersion=" + v.ToString(CultureInfo.InvariantCulture));
            }

            var query = parameters.Count > 0 ? "?" + string.Join('&', parameters) : string.Empty;
            // The same base and key header as the other clients: a --url with a path prefix keeps its last segment.
            using var http = new HttpClient { BaseAddress = HttpSender.EnsureTrailingSlash(settings.Url), Timeout = TimeSpan.FromSeconds(60) };
            if (settings.ReadKey is { } key)
            {
                http.DefaultRequestHeaders.Add(HttpSender.KeyHeader, key);
            }

            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.GetAsync($"api/sessions/{Uri.EscapeDataString(id)}/replay{query}", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var hint = status == 409 ? " (name the session's clinic with --clinic)" : string.Empty;
                await context.Error.WriteLineAsync($"rejudge: {status} {response.ReasonPhrase}{hint}: {body}");
                return status is 400 or 404 or 409 ? ExitCodes.InvalidInput : ExitCodes.SendFailed;
            }

            using var report = JsonDocument.Parse(body);
            var root = report.RootElement;
            if (result.GetValue(json))
            {
                context.Console.WriteLine(body);
            }
            else
            {
                Print(context.Console, root);
            }

            return root.GetProperty("reproduced").GetBoolean() ? ExitCodes.Success : Differs;
        }));
        return command;
    }

    private static void Print(IAnsiConsole console, JsonElement root)
    {
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"session {root.GetProperty("sessionId").GetString()}: protocol {root.GetProperty("protocolId")} judged v{root.GetProperty("storedProtocolVersion")}, re-judged v{root.GetProperty("replayedProtocolVersion")} as of {root.GetProperty("asOf")}"));
        var table = new Table().AddColumns("change", "rule", "severity", "episode", "evidence");
        Rows(table, root, "added", "added");
        Rows(table, root, "removed", "removed");
        foreach (var change in root.GetProperty("changed").EnumerateArray())
        {
            Row(table, "was", change.GetProperty("stored"));
            Row(table, "now", change.GetProperty("replayed"));
        }

        Rows(table, root, "unchanged", "same");
        console.Write(table);
        console.WriteLine(root.GetProperty("reproduced").GetBoolean()
            ? "reproduced: the stored findings are exactly what this protocol version gives."
            : "differs: this protocol version gives other findings than those stored.");
    }

    private static void Rows(Table table, JsonElement root, string property, string label)
    {
        foreach (var finding in root.GetProperty(property).EnumerateArray())
        {
            Row(table, label, finding);
        }
    }

    private static void Row(Table table, string label, JsonElement finding) => table.AddRow(
        Markup.Escape(label),
        Markup.Escape(finding.GetProperty("ruleId").GetString() ?? string.Empty),
        Markup.Escape(finding.GetProperty("severity").GetString() ?? string.Empty),
        Markup.Escape(finding.GetProperty("episodeKey").GetString() ?? string.Empty),
        Markup.Escape(finding.GetProperty("evidence").GetString() ?? string.Empty));
}
