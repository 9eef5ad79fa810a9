using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InfusionAudit.Functions.Tests.Worker;

/// <summary>
/// The Functions worker's host as Program.cs builds it (<see cref="WorkerSetup.Build"/>), pointed at the test Azurite,
/// not started: the tests create function instances the way the worker does for an invocation (its
/// <see cref="IFunctionActivator"/>, from an invocation scope of its container) and call them.
/// </summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private readonly IHost host;

    private WorkerHost(IHost host, IServiceCollection registrations, string connectionString)
    {
        this.host = host;
        Registrations = registrations;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>What the worker registered (its builder's service collection, as it was at build time).</summary>
    public IServiceCollection Registrations { get; }

    public IServiceProvider Services => host.Services;

    /// <param name="settings">Settings on top of the test defaults (storage, keys, patient hash key).</param>
    /// <param name="clock">A clock registered before the worker's own services (which keep it), or the system clock.</param>
    public static async Task<WorkerHost> BuildAsync(IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        var config = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["InfusionAudit:PatientHashKey"] = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
            ["InfusionAudit:Keys:Producer"] = FunctionServices.ProducerKey,
            ["InfusionAudit:Keys:Auditor"] = FunctionServices.AuditorKey,
            ["InfusionAudit:Keys:Admin"] = FunctionServices.AdminKey,
        };
        foreach (var (key, setting) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = setting;
        }

        builder.Configuration.AddInMemoryCollection(config);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        var host = WorkerSetup.Build(builder);
        await host.Services.GetRequiredService<StorageAccount>().EnsureTablesAsync(CancellationToken.None);
        return new WorkerHost(host, builder.Services, config["AzureWebJobsStorage"]!);
    }

    /// <summary>Creates a function class as the worker does for one invocation: its activator, from a new scope of the container.</summary>
    public T Activate<T>(IServiceScope invocation) where T : class => (T)Activate(typeof(T), invocation);

    public object Activate(Type functionClass, IServiceScope invocation)
    {
        var activator = Services.GetRequiredService<IFunctionActivator>();
        return activator.CreateInstance(functionClass, new InvocationContext(invocation.ServiceProvider))
            ?? throw new InvalidOperationException($"The worker's activator made no {functionClass.Name}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }
}
