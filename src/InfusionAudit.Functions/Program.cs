using InfusionAudit.Application;
using InfusionAudit.Application.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddInfusionAudit(builder.Configuration);
builder.Services.AddInfusionAuditTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();

var app = builder.Build();
app.Services.ValidateInfusionAudit();
app.Run();
