using InfusionAudit.Application.Configuration;
using InfusionAudit.Application.Http;
using InfusionAudit.Infrastructure.Storage.Audit;
using InfusionAudit.Infrastructure.Storage.Indexes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfusionAudit.Application.Audit;

/// <summary>Wiring of the audit API (queries, report, access log, OpenAPI); called from <see cref="ServiceCollectionExtensions.AddInfusionAudit"/>.</summary>
public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddAuditApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AppServiceAuthOptions>().Bind(configuration.GetSection(AppServiceAuthOptions.Section));

        services.AddSingleton<ClinicFindingIndex>();
        services.AddSingleton<RejectedEventReader>();
        services.AddSingleton<AccessLogRepository>();
        services.AddSingleton<AlertListingReader>();

        services.AddSingleton<PageTokenCodec>();
        services.AddSingleton<RefusalSampler>();
        services.AddSingleton<AuditReadPipeline>();
        services.AddSingleton<ClinicSessionsQueryHandler>();
        services.AddSingleton<ClinicFindingsQueryHandler>();
        services.AddSingleton<RejectedEventsQueryHandler>();
        services.AddSingleton<AccessLogQueryHandler>();
        services.AddSingleton<ComplianceAlertReader>();
        services.AddSingleton<SessionTimelineHandler>();
        services.AddSingleton<ComplianceReportHandler>();

        services.AddSingleton<AuditClinicSessionsEndpoint>();
        services.AddSingleton<AuditClinicFindingsEndpoint>();
        services.AddSingleton<AuditRejectedEndpoint>();
        services.AddSingleton<AuditComplianceReportEndpoint>();
        services.AddSingleton<AuditAccessLogEndpoint>();
        services.AddSingleton<AuditSessionTimelineEndpoint>();
        return services;
    }
}
