using InfusionAudit.Application;
using InfusionAudit.Application.Alerts;
using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Clock;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Application.Diagnostics;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Application.Ingestion.Hl7;
using InfusionAudit.Application.Ports;
using InfusionAudit.Application.Ports.Indexes;
using InfusionAudit.Application.Ports.Rejections;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Application.Replay;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Domain.Privacy;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Hl7.Mapping;
using InfusionAudit.Infrastructure.Alerts;
using InfusionAudit.Infrastructure.Diagnostics;
using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Infrastructure.Storage.Indexes;
using InfusionAudit.Infrastructure.Storage.Rejections;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Infrastructure.Telemetry;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Infrastructure;

/// <summary>Wiring shared by the Functions worker and the local host.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>The Functions setting naming the storage account (queues and tables).</summary>
    public const string StorageSetting = "AzureWebJobsStorage";

    public static IServiceCollection AddInfusionAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InfusionAuditOptions>().Bind(configuration.GetSection(InfusionAuditOptions.Section));
        // A host that brings its own clock (a test host on a fake one) keeps it.
        services.TryAddSingleton(TimeProvider.System);

        // Each storage adapter is one singleton, resolved as itself (tests, wiring) and as the port Application asks for.
        services.AddSingleton<StorageRequestCounter>();
        services.AddSingleton<IStorageRequestCounts>(sp => sp.GetRequiredService<StorageRequestCounter>());
        services.AddAzureClientsCore();
        services.AddSingleton(sp => CreateStorageAccount(configuration, sp));
        services.AddSingleton<SessionDirectory>();
        services.AddSingleton<ISessionDirectory>(sp => sp.GetRequiredService<SessionDirectory>());
        services.AddSingleton(sp => new SessionRepository(
            sp.GetRequiredService<StorageAccount>(),
            sp.GetRequiredService<SessionDirectory>(),
            cachedBytes: Math.Max(0, sp.GetRequiredService<IOptions<InfusionAuditOptions>>().Value.SessionCacheMegabytes) * 1024L * 1024,
            clock: sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ISessionStore>(sp => sp.GetRequiredService<SessionRepository>());
        services.AddSingleton<ISessionCacheCounts>(sp => sp.GetRequiredService<SessionRepository>());
        services.AddSingleton<RejectedEventRepository>();
        services.AddSingleton<IRejectedEventStore>(sp => sp.GetRequiredService<RejectedEventRepository>());
        services.AddSingleton<ClinicSessionIndex>();
        services.AddSingleton<IClinicSessionIndex>(sp => sp.GetRequiredService<ClinicSessionIndex>());
        services.AddHostedService<StorageInitializer>();

        services.AddSingleton(sp => ProtocolLibrary.LoadFromDirectory(ProtocolsPath(sp.GetRequiredService<IOptions<InfusionAuditOptions>>().Value.ProtocolsPath)));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<InfusionAuditOptions>>().Value;
            return new PatientPseudonymizer(
                PatientHashKey.Parse(options.PatientHashKey),
                options.PatientIdentityScope,
                string.IsNullOrWhiteSpace(options.PatientHashKeyId) ? null : options.PatientHashKeyId.Trim());
        });

        services.AddSingleton<ClinicCalendar>();
        services.AddSingleton<PipelineCounters>();
        services.AddSingleton<SessionIndexWriter>();
        services.AddSingleton<SessionCommitter>();
        services.AddSingleton<IngestHandler>();
        services.AddOptions<Hl7MappingOptions>().Bind(configuration.GetSection(Hl7MappingOptions.SectionName));
        services.AddSingleton<Hl7IngestHandler>();
        services.AddSingleton<SessionQueryHandler>();
        services.AddSingleton<ReplayHandler>();
        services.AddSingleton<SessionClockHandler>();

        services.AddStorageReadiness();
        services.AddSingleton<ReadinessHandler>();
        services.AddAuditApi(configuration);
        services.AddAlerting(configuration);
        return services;
    }

    /// <summary>Resolves the singletons that validate configuration, so a bad key or protocol file stops the host at start.</summary>
    public static void ValidateInfusionAudit(this IServiceProvider services)
    {
        if (services.GetService<IConfiguration>() is { } configuration)
        {
            KeyVaultReferenceGuard.ThrowIfUnresolved(configuration);
        }

        _ = services.GetRequiredService<ProtocolLibrary>();
        _ = services.GetRequiredService<PatientPseudonymizer>();
        _ = services.GetRequiredService<ClinicCalendar>();
        _ = services.GetRequiredService<StorageAccount>();
        services.GetRequiredService<IOptions<Hl7MappingOptions>>().Value.Validate();
    }

    /// <summary>
    /// <c>AzureWebJobsStorage</c> as the Functions host reads it: a connection string, or an identity-based connection
    /// (<c>__accountName</c> or <c>__tableServiceUri</c> + <c>__queueServiceUri</c>, credential from <c>__credential</c> /
    /// <c>__clientId</c>), which is all infra/ deploys because the account refuses shared keys.
    /// </summary>
    private static StorageAccount CreateStorageAccount(IConfiguration configuration, IServiceProvider services)
    {
        var counter = services.GetRequiredService<StorageRequestCounter>();
        if ((configuration[StorageSetting] ?? configuration.GetConnectionString(StorageSetting)) is { Length: > 0 } connectionString)
        {
            return new StorageAccount(connectionString, counter);
        }

        var section = configuration.GetSection(StorageSetting);
        var account = section["accountName"];
        var tables = section["tableServiceUri"] ?? (account is { Length: > 0 } ? $"https://{account}.table.core.windows.net" : null);
        var queues = section["queueServiceUri"] ?? (account is { Length: > 0 } ? $"https://{account}.queue.core.windows.net" : null);
        if (tables is null || queues is null)
        {
            throw new InvalidOperationException(
                $"Setting {StorageSetting} is missing: set it to a storage connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or use an identity-based connection ({StorageSetting}__accountName, or __tableServiceUri and __queueServiceUri).");
        }

        var credential = services.GetRequiredService<AzureComponentFactory>().CreateTokenCredential(section);
        return new StorageAccount(new Uri(tables), new Uri(queues), credential, counter);
    }

    private static string ProtocolsPath(string configured) =>
        Path.IsPathRooted(configured) ? configured : Path.Combine(AppContext.BaseDirectory, configured);
}
