using System.CommandLine;
using System.CommandLine.Help;

namespace InfusionAudit.Simulator.Cli;

/// <summary>The <c>infusion-sim</c> command tree.</summary>
public static class SimulatorCli
{
    /// <summary>Builds the root command.</summary>
    /// <param name="context">Outside world.</param>
    /// <param name="args">The process arguments (recorded by <c>load --markdown</c>).</param>
    public static Command Create(CliContext context, IReadOnlyList<string> args)
    {
        var globals = new GlobalOptions();
        // Not a RootCommand: its name is the executable's (InfusionAudit.Simulator under dotnet run), and --help must
        // name the tool as the docs do. A root needs only the help and version options a RootCommand would add.
        var root = new Command(
            "infusion-sim",
            "infusion-sim: clinic device simulator, replay tool and pipeline load generator for the InfusionAudit device event contract (v1).")
        {
            new HelpOption(),
            new VersionOption(),
        };
        globals.AddTo(root);
        root.Add(SimulateCommand.Create(globals, context));
        root.Add(GenerateCommand.Create(context));
        root.Add(ReplayCommand.Create(globals, context));
        root.Add(LoadCommand.Create(globals, context, args));
        root.Add(SoakCommand.Create(globals, context, args));
        root.Add(RejudgeCommand.Create(globals, context));
        root.Add(CourseCommand.Create(globals, context));
        return root;
    }
}
