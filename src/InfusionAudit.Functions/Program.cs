using InfusionAudit.Application;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddInfusionAudit(builder.Configuration);

var app = builder.Build();
app.Services.ValidateInfusionAudit();
app.Run();
