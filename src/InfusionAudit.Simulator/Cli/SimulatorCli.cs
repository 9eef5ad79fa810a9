using System.CommandLine;

namespace InfusionAudit.Simulator.Cli;

/// <summary>The <c>infusion-sim</c> command tree.</summary>
public static class SimulatorCli
{
    /// <summary>Builds the root command.</summary>
    /// <param name="context">Outside world.</param>
    /// <param name="args">The process arguments (recorded by <c>load --markdown</c>).</param>
    public static RootCommand Create(CliContext context, IReadOnlyList<string> args)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand(
            "infusion-sim: clinic device simulator, replay tool and pipeline load generator for the InfusionAudit device event contract (v1).");
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
