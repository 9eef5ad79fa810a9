using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Ports.Audit;
using InfusionAudit.Application.Ports.Indexes;
using InfusionAudit.Infrastructure.Storage.Audit;
using InfusionAudit.Infrastructure.Storage.Indexes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfusionAudit.Infrastructure;

/// <summary>Wiring of the audit API (queries, report, access log, OpenAPI); called from <see cref="ServiceCollectionExtensions.AddInfusionAudit"/>.</summary>
public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddAuditApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ClinicFindingIndex>();
        services.AddSingleton<IClinicFindingIndex>(sp => sp.GetRequiredService<ClinicFindingIndex>());
        services.AddSingleton<RejectedEventReader>();
        services.AddSingleton<IRejectedEventQueries>(sp => sp.GetRequiredService<RejectedEventReader>());
        services.AddSingleton<AccessLogRepository>();
        services.AddSingleton<IAccessLog>(sp => sp.GetRequiredService<AccessLogRepository>());

        services.AddSingleton<ClinicSessionsQueryHandler>();
        services.AddSingleton<ClinicFindingsQueryHandler>();
        services.AddSingleton<RejectedEventsQueryHandler>();
        services.AddSingleton<AccessLogQueryHandler>();
        services.AddSingleton<ComplianceAlertReader>();
        services.AddSingleton<SessionTimelineHandler>();
        services.AddSingleton<SessionExportHandler>();
        services.AddSingleton<RemsFormHandler>();
        services.AddSingleton<PatientCourseHandler>();
        services.AddSingleton<ComplianceReportHandler>();
        return services;
    }
}
