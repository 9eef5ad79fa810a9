using InfusionAudit.Http.Audit;
using InfusionAudit.Http.Protocols;
using InfusionAudit.Http.Security;
using InfusionAudit.Http.WebConsole;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfusionAudit.Http;

/// <summary>Wiring of the HTTP surface, shared by both hosts: authentication, the route dispatcher and every endpoint of <see cref="RouteTable"/>.</summary>
public static class HttpServiceCollectionExtensions
{
    public static IServiceCollection AddInfusionAuditHttp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AppServiceAuthOptions>().Bind(configuration.GetSection(AppServiceAuthOptions.Section));
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<EndpointAuthorization>();
        services.AddSingleton<RouteDispatcher>();

        services.AddSingleton<EventsEndpoint>();
        services.AddSingleton<Hl7v2Endpoint>();
        services.AddSingleton<SessionsEndpoint>();
        services.AddSingleton<DiagnosticsEndpoint>();
        services.AddSingleton<HealthEndpoint>();
        services.AddSingleton(new ConsoleFiles(ConsoleFiles.DefaultRoot));
        services.AddSingleton<ConsoleEndpoint>();
        services.AddSingleton<ProtocolsEndpoint>();
        services.AddSingleton<ReadinessEndpoint>();
        services.AddSingleton<ReplayEndpoint>();

        services.AddSingleton<PageTokenCodec>();
        services.AddSingleton<RefusalSampler>();
        services.AddSingleton<AuditReadPipeline>();
        services.AddSingleton<AuditClinicSessionsEndpoint>();
        services.AddSingleton<AuditClinicFindingsEndpoint>();
        services.AddSingleton<AuditRejectedEndpoint>();
        services.AddSingleton<AuditComplianceReportEndpoint>();
        services.AddSingleton<AuditAccessLogEndpoint>();
        services.AddSingleton<AuditSessionTimelineEndpoint>();
        services.AddSingleton<AuditRemsFormEndpoint>();
        services.AddSingleton<AuditRemsFormsEndpoint>();
        services.AddSingleton<PatientCourseEndpoint>();

        services.AddSingleton<AlertsEndpoint>();
        services.AddSingleton<AlertSilencesEndpoint>();
        return services;
    }
}
