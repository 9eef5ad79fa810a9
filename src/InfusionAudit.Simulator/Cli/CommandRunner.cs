using Azure;
using InfusionAudit.Simulator.Transport;

namespace InfusionAudit.Simulator.Cli;

/// <summary>Turns the failures a user can cause or fix into a message and an exit code instead of a stack trace.</summary>
public static class CommandRunner
{
    /// <summary>Runs a command body.</summary>
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        // UnauthorizedAccessException: a path that names a directory, or one the user may not write (--out, --markdown).
        catch (Exception ex) when (ex is ArgumentException or FormatException or FileNotFoundException or DirectoryNotFoundException
                                       or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (SendFailedException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.SendFailed;
        }
        catch (HttpRequestException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.SendFailed;
        }
        // Storage that stays unreachable after the SDK's retries (or answers with an error) is an operator's problem to
        // fix, not a bug to report: one line, not a stack trace.
        catch (RequestFailedException ex)
        {
            await context.Error.WriteLineAsync($"error: storage request failed: {ex.Status} {FirstLine(ex.Message)}");
            return ExitCodes.SendFailed;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is RequestFailedException or HttpRequestException or IOException))
        {
            await context.Error.WriteLineAsync($"error: storage unreachable after retries: {FirstLine(ex.InnerException?.Message ?? ex.Message)}");
            return ExitCodes.SendFailed;
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
