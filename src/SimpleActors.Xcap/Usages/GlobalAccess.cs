namespace SimpleActors.Xcap.Usages;

/// <summary>Who may use an application usage's global tree (RFC 4825 section 5.7: each usage defines it).</summary>
public enum GlobalAccess
{
    /// <summary>The usage has no global documents: any request for one gets 404.</summary>
    None = 0,

    /// <summary>Every authenticated user may read the global documents; nobody writes them (the server generates them).</summary>
    ReadByAll = 1,

    /// <summary>Only privileged users (the server's own services, e.g. the RLS) read the global documents; nobody writes them.</summary>
    ReadByPrivileged = 2,
}
