namespace SimpleActors.Xcap.NodeSelectors;

/// <summary>
/// The last part of a node selector that selects something other than an element (RFC 4825 section 6.3): an attribute
/// (<c>@name</c>) or the namespace bindings of the selected element (<c>namespace::*</c>).
/// </summary>
/// <param name="Attribute">The attribute name, or null for <c>namespace::*</c>.</param>
public sealed record XcapTerminalSelector(XcapQualifiedName? Attribute)
{
    /// <summary>The <c>namespace::*</c> selector.</summary>
    public static XcapTerminalSelector NamespaceBindings { get; } = new((XcapQualifiedName?)null);

    /// <summary>The selector is <c>namespace::*</c>.</summary>
    public bool IsNamespaceBindings => Attribute is null;

    public override string ToString() => Attribute is null ? "namespace::*" : $"@{Attribute}";
}
