using InfusionAudit.LocalHost.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLocalHost();

var app = builder.Build();
app.Services.ValidateLocalHost();
app.MapInfusionAuditRoutes();
app.Run();
