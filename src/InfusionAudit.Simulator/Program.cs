using InfusionAudit.Simulator.Cli;

return await SimulatorCli.Create(CliContext.ForProcess(), args).Parse(args).InvokeAsync();
