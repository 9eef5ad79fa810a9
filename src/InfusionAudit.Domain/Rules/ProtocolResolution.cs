namespace InfusionAudit.Domain.Rules;

/// <summary>How the session's protocol was found in the library.</summary>
internal enum ProtocolResolution
{
    /// <summary>No <c>SessionStarted</c> yet: general rules use the fallback protocol.</summary>
    NotStarted,

    /// <summary>Found, route matches: every rule runs.</summary>
    Resolved,

    /// <summary>The id is not in the library.</summary>
    UnknownId,

    /// <summary>The id is known but not at the pinned version.</summary>
    VersionMissing,

    /// <summary>Found, but for another route.</summary>
    RouteMismatch,
}
