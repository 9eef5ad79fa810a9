using InfusionAudit.LocalHost.Hosting;

// Content root = the app folder, so appsettings.json and host.json are found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddLocalHost();

var app = builder.Build();
app.Services.ValidateLocalHost();
app.UseInfusionAuditConsole();
app.MapInfusionAuditRoutes();
app.Run();
