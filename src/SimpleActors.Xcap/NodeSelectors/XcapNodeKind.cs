namespace SimpleActors.Xcap.NodeSelectors;

/// <summary>What a node selector selects, which decides the media type of its resource (RFC 4825 section 8).</summary>
public enum XcapNodeKind
{
    /// <summary>An element: <c>application/xcap-el+xml</c>.</summary>
    Element = 0,

    /// <summary>An attribute: <c>application/xcap-att+xml</c>.</summary>
    Attribute = 1,

    /// <summary>The namespace bindings of an element: <c>application/xcap-ns+xml</c>, read only.</summary>
    NamespaceBindings = 2,
}
