namespace SimpleActors.Xcap.Rls;

/// <summary>Bounds and context of list resolution.</summary>
public sealed class ResourceListResolverOptions
{
    /// <summary>The defaults.</summary>
    public static ResourceListResolverOptions Default { get; } = new();

    /// <summary>
    /// Our XCAP root as an absolute HTTP URI (e.g. <c>https://xcap.example.com/xcap-root</c>). An external anchor or
    /// resource-list under another root is not fetched (an unresolvable reference). Null: any host, root path <c>/</c>.
    /// </summary>
    public string? XcapRoot { get; init; }

    /// <summary>Distinct entries a list may resolve to (RFC 4662 section 7 and checklist item 14: a bound on the back-end fan-out).</summary>
    public int MaxEntries { get; init; } = 1000;

    /// <summary>Nesting of lists and references; the list itself is depth 1 (RFC 4662 section 7.4).</summary>
    public int MaxDepth { get; init; } = 8;

    /// <summary>The limits for reading fetched documents; null for <see cref="XcapLimits.Default"/>.</summary>
    public XcapLimits? Limits { get; init; }
}
