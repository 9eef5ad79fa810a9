using System.Text.Json;
using InfusionAudit.Application;
using InfusionAudit.Application.Security;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// <c>GET /api/me</c>: who the request is signed in as. The console shows the name and picks its views by the roles;
/// acknowledgements record the same name. A role key names no person: its name is its key id.
/// </summary>
public static class MeEndpoint
{
    public static IResult Get(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var roles = caller.Roles.Select(r => JsonNamingPolicy.CamelCase.ConvertName(r.ToString())).ToArray();
        return Results.Json(
            new { name = caller.Person ?? caller.KeyId, keyId = caller.KeyId, via = caller.KeyId.StartsWith("entra:", StringComparison.Ordinal) ? "entra" : "key", roles },
            JsonDefaults.Answers);
    }
}
