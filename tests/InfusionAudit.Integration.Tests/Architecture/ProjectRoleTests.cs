using System.Reflection;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Fhir;
using InfusionAudit.Http;
using InfusionAudit.Infrastructure;

namespace InfusionAudit.Integration.Tests.Architecture;

/// <summary>The project plan of docs/architecture.md, held by the compiled assemblies.</summary>
public sealed class ProjectRoleTests
{
    private static readonly Assembly Domain = typeof(DeviceEvent).Assembly;
    private static readonly Assembly Application = typeof(IngestHandler).Assembly;
    private static readonly Assembly Fhir = typeof(SessionBundleMapper).Assembly;

    [Fact]
    public void TheDomainReferencesNoSdkAndNoOtherProject()
    {
        Domain.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard")
            .ShouldBeEmpty();
    }

    [Fact]
    public void ApplicationReferencesNeitherAspNetCoreNorTheHttpOrAdapterProjects()
    {
        var names = Application.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        names.ShouldNotContain(name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        names.ShouldNotContain(name => name.StartsWith("OpenTelemetry", StringComparison.Ordinal));
        names.ShouldNotContain(name => name.StartsWith("Azure.Messaging", StringComparison.Ordinal));
        names.ShouldNotContain(typeof(RouteTable).Assembly.GetName().Name!);
        names.ShouldNotContain(typeof(ServiceCollectionExtensions).Assembly.GetName().Name!);
        names.ShouldNotContain(Fhir.GetName().Name!);
        names.ShouldNotContain(name => name.StartsWith("Hl7.Fhir", StringComparison.Ordinal));
    }

    [Fact]
    public void TheFhirExportIsAPureMappingOfApplicationsReadModels()
    {
        // Beside the SDK and the system: Application's read models, the Domain's state types, the HL7 v2 project's MDC
        // codes. No ASP.NET Core, no Azure SDK, no storage, no host.
        Fhir.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard" && !name.StartsWith("Hl7.Fhir.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ShouldBe(["InfusionAudit.Application", "InfusionAudit.Domain", "InfusionAudit.Hl7"]);
    }

    [Fact]
    public void NoAzureSdkTypeAppearsInApplicationsPublicSignatures()
    {
        var leaks = new List<string>();
        foreach (var type in Application.GetExportedTypes())
        {
            const BindingFlags Visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var used = new List<(string Where, Type Type)>();
            if (type.BaseType is { } baseType)
            {
                used.Add(("base", baseType));
            }

            used.AddRange(type.GetInterfaces().Select(i => ("interface", i)));
            foreach (var method in type.GetMethods(Visible).Where(m => !m.IsSpecialName))
            {
                used.Add((method.Name, method.ReturnType));
                used.AddRange(method.GetParameters().Select(p => (method.Name, p.ParameterType)));
            }

            foreach (var constructor in type.GetConstructors(Visible))
            {
                used.AddRange(constructor.GetParameters().Select(p => (".ctor", p.ParameterType)));
            }

            used.AddRange(type.GetProperties(Visible).Select(p => (p.Name, p.PropertyType)));
            used.AddRange(type.GetFields(Visible).Select(f => (f.Name, f.FieldType)));
            leaks.AddRange(used.Where(u => Mentions(u.Type, IsAzureSdk)).Select(u => $"{type.FullName}.{u.Where}: {u.Type}"));
        }

        leaks.ShouldBeEmpty();
    }

    private static bool IsAzureSdk(Type type) =>
        type.Assembly.GetName().Name is { } name && (name.StartsWith("Azure.", StringComparison.Ordinal) || name == "Microsoft.Extensions.Azure");

    private static bool Mentions(Type type, Func<Type, bool> predicate) =>
        type.HasElementType ? Mentions(type.GetElementType()!, predicate)
        : predicate(type) || (type.IsGenericType && type.GetGenericArguments().Any(a => Mentions(a, predicate)));
}
