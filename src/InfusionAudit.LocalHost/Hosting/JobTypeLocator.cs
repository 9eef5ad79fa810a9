using System.Reflection;
using Microsoft.Azure.WebJobs;

namespace InfusionAudit.LocalHost.Hosting;

/// <summary>Tells the WebJobs SDK exactly which classes hold triggers, instead of scanning every loaded assembly.</summary>
internal sealed class JobTypeLocator(params Type[] jobTypes) : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => jobTypes;
}
