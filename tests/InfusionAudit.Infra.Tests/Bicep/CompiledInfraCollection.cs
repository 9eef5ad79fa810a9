namespace InfusionAudit.Infra.Tests.Bicep;

/// <summary>
/// The classes that read the compiled template and snapshots share one build of them. A collection, not an assembly
/// fixture: a template that does not build fails these classes only, and the per-file build and lint tests still name
/// the file at fault.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CompiledInfraCollection : ICollectionFixture<CompiledInfra>
{
    public const string Name = "compiled infra";
}
