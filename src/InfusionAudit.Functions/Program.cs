using InfusionAudit.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

WorkerSetup.Build(FunctionsApplication.CreateBuilder(args)).Run();
