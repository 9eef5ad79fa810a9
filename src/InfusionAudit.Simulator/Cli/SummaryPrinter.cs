using System.Globalization;
using InfusionAudit.Simulator.Contract;
using InfusionAudit.Simulator.Generation;
using InfusionAudit.Simulator.Load;
using InfusionAudit.Simulator.Transport;
using Spectre.Console;

namespace InfusionAudit.Simulator.Cli;

/// <summary>Renders the commands' results as tables.</summary>
public static class SummaryPrinter
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Sessions per scenario and what the gateway sends for them.</summary>
    public static void PrintDay(IAnsiConsole console, ClinicDayOptions options, IReadOnlyList<GeneratedSession> sessions, int? messages)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessions);
        var table = NewTable(console, $"Clinic {options.ClinicId}, seed {options.Seed}, from {EventJsonWriter.FormatTimestamp(options.Start)}")
            .AddColumn("scenario").AddColumn(new TableColumn("sessions").RightAligned())
            .AddColumn(new TableColumn("events").RightAligned()).AddColumn(new TableColumn("duplicates").RightAligned())
            .AddColumn(new TableColumn("invalid").RightAligned());
        foreach (var group in sessions.GroupBy(s => s.Scenario).OrderBy(g => g.Key))
        {
            table.AddRow(
                group.Key.ToString(),
                N(group.Count()),
                N(group.Sum(s => s.Events.Count(e => e.Kind == WireEventKind.Original))),
                N(group.Sum(s => s.Events.Count(e => e.Kind == WireEventKind.Duplicate))),
                N(group.Sum(s => s.Events.Count(e => e.Kind == WireEventKind.Invalid))));
        }

        var all = sessions.SelectMany(s => s.Events).ToList();
        table.AddRow(
            "total",
            N(sessions.Count),
            N(all.Count(e => e.Kind == WireEventKind.Original)),
            N(all.Count(e => e.Kind == WireEventKind.Duplicate)),
            N(all.Count(e => e.Kind == WireEventKind.Invalid)));
        console.Write(table);
        console.WriteLine(messages is { } m
            ? $"{N(all.Count)} events to send in {N(m)} messages."
            : $"{N(all.Count)} events.");
    }

    /// <summary>One line per session: id, scenario, protocol, chair, times.</summary>
    public static void PrintSessions(IAnsiConsole console, IReadOnlyList<GeneratedSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(sessions);
        var table = NewTable(console, "Sessions")
            .AddColumn("session id").AddColumn("scenario").AddColumn("protocol")
            .AddColumn(new TableColumn("chair").RightAligned()).AddColumn("started").AddColumn("ended")
            .AddColumn(new TableColumn("events").RightAligned());
        foreach (var s in sessions)
        {
            table.AddRow(
                Markup.Escape(s.SessionId), s.Scenario.ToString(), s.ProtocolId, N(s.Chair),
                EventJsonWriter.FormatTimestamp(s.StartedAt), EventJsonWriter.FormatTimestamp(s.EndedAt), N(s.Events.Count));
        }

        console.Write(table);
    }

    /// <summary>What the transport did.</summary>
    public static void PrintDispatch(IAnsiConsole console, string destination, DispatchResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        console.WriteLine($"Sent to {destination}");
        var table = NewTable(console, null).AddColumn("").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("messages sent", N(result.Messages));
        table.AddRow("events sent", N(result.Events));
        table.AddRow("send time", $"{result.Duration.TotalSeconds.ToString("F2", C)} s");
        table.AddRow("events/s", result.EventsPerSecond.ToString("F0", C));
        if (result.HasResults)
        {
            table.AddRow("accepted", N(result.Accepted));
            table.AddRow("duplicate", N(result.Duplicate));
            table.AddRow("rejected", N(result.Rejected));
        }

        if (result.FailedMessages > 0 || result.Aborted)
        {
            table.AddRow("failed messages", N(result.FailedMessages));
            table.AddRow("failed events", N(result.FailedEvents));
        }

        console.Write(table);
        if (result.FirstError is not null)
        {
            console.WriteLine($"first error: {result.FirstError}");
        }

        if (result.Aborted)
        {
            console.WriteLine("sending stopped: every further message would have failed the same way.");
        }
    }

    /// <summary>The benchmark's figures.</summary>
    public static void PrintLoad(IAnsiConsole console, LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var table = NewTable(console, $"Pipeline throughput, run {Markup.Escape(report.RunId)}")
            .AddColumn("").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("sessions", N(report.Sessions));
        table.AddRow("events sent", N(report.Events));
        table.AddRow("messages", N(report.Messages));
        table.AddRow("batch size", N(report.BatchSize));
        table.AddRow("events/session", report.EventsPerSession.ToString("F1", C));
        table.AddRow("sessions/message", report.SessionsPerMessage.ToString("F1", C));
        table.AddRow("send duration", $"{report.SendDuration.TotalSeconds.ToString("F2", C)} s");
        table.AddRow("send rate", $"{report.SendEventsPerSecond.ToString("F0", C)} events/s");
        table.AddRow("end-to-end duration", report.EndToEnd is { } e ? $"{e.TotalSeconds.ToString("F2", C)} s" : "timeout");
        table.AddRow("end-to-end rate", report.EndToEnd is null ? "-" : $"{report.EndToEndEventsPerSecond.ToString("F0", C)} events/s");
        table.AddRow("events received by host", N(report.Processed.EventsReceived));
        table.AddRow("accepted / duplicate / rejected",
            $"{N(report.Processed.EventsAccepted)} / {N(report.Processed.EventsDuplicate)} / {N(report.Processed.EventsRejected)}");
        table.AddRow("messages processed", N(report.Processed.MessagesProcessed));
        table.AddRow("storage requests", N(report.Processed.StorageRequests));
        table.AddRow("storage requests/event", report.StorageRequestsPerEvent.ToString("F2", C));
        if (report.SendFailures > 0)
        {
            table.AddRow("failed messages", N(report.SendFailures));
        }

        console.Write(table);
    }

    private static Table NewTable(IAnsiConsole console, string? title)
    {
        var table = new Table { Title = title is null ? null : new TableTitle(title) };
        table.Border = console.Profile.Capabilities.Interactive ? TableBorder.Rounded : TableBorder.Ascii;
        return table;
    }

    private static string N(long value) => value.ToString(C);
}
