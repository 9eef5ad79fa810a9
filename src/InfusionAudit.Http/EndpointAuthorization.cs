using InfusionAudit.Application.Security;
using InfusionAudit.Http.Security;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// Authenticates the request (key, or App Service principal when enabled) and checks its roles; answers 401 without
/// a known key or principal and 403 for a wrong role.
/// </summary>
public sealed class EndpointAuthorization(ApiKeyAuthenticator authenticator)
{
    /// <returns>
    /// The authenticated caller, also when its role is refused (the access log records who was refused), and the
    /// refusal, if any. Check <c>Denied</c> first.
    /// </returns>
    public (Caller? Caller, IResult? Denied) Authorize(HttpRequest request, params CallerRole[] allowed)
    {
        var caller = authenticator.Authenticate(request);
        if (caller is null)
        {
            return (null, Problems.Unauthorized());
        }

        if (!caller.Roles.Any(r => r == CallerRole.Admin || allowed.Contains(r)))
        {
            return (caller, Problems.Forbidden($"This route needs one of the roles: {string.Join(", ", allowed.Append(CallerRole.Admin).Distinct())}."));
        }

        return (caller, null);
    }
}
