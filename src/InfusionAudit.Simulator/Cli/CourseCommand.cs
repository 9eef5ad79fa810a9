using System.CommandLine;
using Spectre.Console;
using System.Globalization;
using InfusionAudit.Simulator.Batching;
using InfusionAudit.Simulator.Generation;

namespace InfusionAudit.Simulator.Cli;

/// <summary><c>course</c>: one patient's esketamine course over weeks (induction, then maintenance), sent to the backend.</summary>
public static class CourseCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(GlobalOptions globals, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(globals);
        ArgumentNullException.ThrowIfNull(context);
        var clinic = new Option<string>("--clinic") { Description = "Clinic id.", DefaultValueFactory = _ => "sim-course" };
        var weeks = new Option<int>("--weeks") { Description = "Weeks of the course, 1–26: twice weekly for 4 weeks, then weekly.", DefaultValueFactory = _ => 8 };
        var seed = new Option<int>("--seed") { Description = "Seeds the patient and the sessions.", DefaultValueFactory = _ => 7 };
        var clean = new Option<bool>("--clean") { Description = "No faults (default: an extra session on day 8, pounds on day 14, no 40-minute blood pressure on day 17, an early discharge on day 21)." };
        var start = StartTimeOption.Create("The first session's start (RFC 3339; default: the course ends yesterday, 08:00 UTC).");
        var runId = new Option<string?>("--run-id") { Description = "Prefix for session ids and the patient reference, to keep runs apart." };
        var send = new SendOptions(defaultBatch: 100);

        var command = new Command("course", "Simulate one patient's esketamine course (label schedule, with faults) and send it, one session a message in course order.");
        foreach (var option in new Option[] { clinic, weeks, seed, clean, start, runId })
        {
            command.Add(option);
        }

        send.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var weekCount = result.GetValue(weeks);
            var lastDay = CourseGenerator.Schedule(Math.Clamp(weekCount, 1, 26), withFaults: false, 70).Max(v => v.Day);
            var options = new CourseOptions
            {
                ClinicId = result.GetValue(clinic)!,
                Weeks = weekCount,
                Seed = result.GetValue(seed),
                WithFaults = !result.GetValue(clean),
                IdPrefix = result.GetValue(runId) is { Length: > 0 } id ? id + "." : "",
                FirstSession = result.GetValue(start) ?? StartTimeOption.DefaultDayStart(context.Time).AddDays(-lastDay),
            };
            var generator = new CourseGenerator(options);
            var sessions = generator.Generate().ToList();
            var visits = CourseGenerator.Schedule(options.Weeks, options.WithFaults, 70);
            context.Console.WriteLine($"course of {options.Weeks} weeks at {options.ClinicId}: {sessions.Count} intranasal esketamine sessions of one patient, from {options.FirstSession:yyyy-MM-dd}");
            foreach (var (session, visit) in sessions.Zip(visits))
            {
                context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  day {visit.Day,2}  {session.SessionId}  {visit.PrescribedMg} mg{(visit.Fault is { } fault ? "  fault: " + fault : "")}"));
            }

            // One session a message, in course order: each session's patient history is what a clinic's gateway would build.
            var batcher = new Batcher(new BatcherOptions { MaxEvents = result.GetValue(send.Batch), FlushWindow = null });
            var messages = sessions.SelectMany(s => batcher.Batch([s])).ToList();
            var settings = globals.Resolve(result, context.Environment);
            var sent = await send.SendAsync(result, settings, context, "sending", messages, cancellationToken);
            context.Console.WriteLine($"the course: GET /api/patients/{{patientHash}}/course, with the patientRefHash of GET /api/sessions/{sessions[0].SessionId}?clinicId={options.ClinicId}");
            return sent.Succeeded ? ExitCodes.Success : ExitCodes.SendFailed;
        }));
        return command;
    }
}
