using InfusionAudit.Application.Security;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Application.Http;

/// <summary>Authenticates the request's key and checks its role; answers 401 without a known key and 403 for a wrong role.</summary>
public sealed class EndpointAuthorization(ApiKeyAuthenticator authenticator)
{
    public (Caller? Caller, IResult? Denied) Authorize(HttpRequest request, params CallerRole[] allowed)
    {
        var caller = authenticator.Authenticate(request.Headers[ApiKeyAuthenticator.HeaderName].FirstOrDefault());
        if (caller is null)
        {
            return (null, Problems.Unauthorized());
        }

        if (caller.Role != CallerRole.Admin && !allowed.Contains(caller.Role))
        {
            return (null, Problems.Forbidden($"This route needs one of the roles: {string.Join(", ", allowed.Append(CallerRole.Admin))}."));
        }

        return (caller, null);
    }
}
