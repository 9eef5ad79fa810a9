using InfusionAudit.Application;
using InfusionAudit.Application.Telemetry;
using InfusionAudit.Http;
using InfusionAudit.Infrastructure;
using InfusionAudit.Infrastructure.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;

namespace InfusionAudit.Functions;

/// <summary>
/// The worker's wiring, what Program.cs runs: the ASP.NET Core integration (its HTTP proxying middleware), the shared
/// services and telemetry, then the settings check. Kept out of Program.cs so tests build the very same host.
/// </summary>
public static class WorkerSetup
{
    /// <summary>Registers the worker's services on <paramref name="builder"/>, builds the host and validates the settings (throws on a bad one).</summary>
    public static IHost Build(FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddInfusionAudit(builder.Configuration);
        builder.Services.AddInfusionAuditHttp(builder.Configuration);
        builder.Services.AddInfusionAuditTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();

        var app = builder.Build();
        app.Services.ValidateInfusionAudit();
        return app;
    }
}
