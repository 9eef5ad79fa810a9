namespace InfusionAudit.Testing;

/// <summary>The Azurite instance the test script started (scripts/test.sh exports its connection string).</summary>
public static class Azurite
{
    public const string Variable = "AZURITE_CONNECTION_STRING";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the suite with ./scripts/test.sh, or start Azurite with " +
                "'source scripts/lib/azurite.sh && azurite_start' and run dotnet test in that shell.");

    /// <summary>A connection string whose table endpoint refuses connections while queues still work: storage "down" for the handlers.</summary>
    public static string WithTablesDown()
    {
        var parts = ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.StartsWith("TableEndpoint=", StringComparison.OrdinalIgnoreCase) ? "TableEndpoint=http://127.0.0.1:9/devstoreaccount1" : p);
        return string.Join(';', parts) + ";";
    }
}
