namespace SimpleActors.Xcap;

/// <summary>
/// The document selector of an XCAP URI (RFC 4825 section 6.2): the application usage (AUID), the tree (global, or one
/// user's by XUI) and the document's path inside it. <see cref="ToString"/> gives the selector as it appears after the
/// XCAP root, percent-encoding nothing: <c>resource-lists/users/sip:joe@example.com/index</c>.
/// </summary>
/// <param name="Auid">The application unique id, e.g. <c>resource-lists</c>.</param>
/// <param name="Xui">The user's XCAP User Identifier (usually its SIP AOR), or null for the global tree.</param>
/// <param name="DocumentPath">The path of the document inside the tree, e.g. <c>index</c> or <c>friends/index</c>.</param>
public sealed record XcapDocumentSelector(string Auid, string? Xui, string DocumentPath)
{
    /// <summary>The document is in the global tree.</summary>
    public bool IsGlobal => Xui is null;

    public override string ToString() => Xui is null ? $"{Auid}/global/{DocumentPath}" : $"{Auid}/users/{Xui}/{DocumentPath}";

    /// <summary>
    /// The XUI as one user's documents are kept under (RFC 4825 section 6.2: XUIs compare case-exact except where their
    /// own scheme says otherwise): a SIP or SIPS URI's scheme and host in lower case (RFC 3261 section 19.1.4), the rest
    /// as given; any other XUI unchanged. So <c>sip:alice@EXAMPLE.com</c> and <c>sip:alice@example.com</c> name one tree.
    /// </summary>
    public static string CanonicalXui(string xui)
    {
        ArgumentNullException.ThrowIfNull(xui);
        var colon = xui.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !(xui[..colon].Equals("sip", StringComparison.OrdinalIgnoreCase) || xui[..colon].Equals("sips", StringComparison.OrdinalIgnoreCase)))
        {
            return xui;
        }

        var at = xui.LastIndexOf('@');
        var hostStart = at < 0 ? colon + 1 : at + 1;
        var hostEnd = xui.IndexOfAny([';', '?'], hostStart);
        hostEnd = hostEnd < 0 ? xui.Length : hostEnd;
        return string.Concat(xui[..colon].ToLowerInvariant(), xui[colon..hostStart], xui[hostStart..hostEnd].ToLowerInvariant(), xui[hostEnd..]);
    }

    /// <summary>
    /// Reads a selector as <see cref="ToString"/> writes it (decoded, the entity id of a document): false when it names no
    /// AUID, no tree (<c>global</c> or <c>users/&lt;XUI&gt;</c>) or no document path.
    /// </summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out XcapDocumentSelector? selector)
    {
        ArgumentNullException.ThrowIfNull(text);
        selector = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        var auid = text[..slash];
        var rest = text[(slash + 1)..];
        if (rest.StartsWith("global/", StringComparison.Ordinal) && rest.Length > "global/".Length)
        {
            selector = new XcapDocumentSelector(auid, null, rest["global/".Length..]);
            return true;
        }

        if (!rest.StartsWith("users/", StringComparison.Ordinal))
        {
            return false;
        }

        rest = rest["users/".Length..];
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        if (end <= 0 || end == rest.Length - 1)
        {
            return false;
        }

        selector = new XcapDocumentSelector(auid, rest[..end], rest[(end + 1)..]);
        return true;
    }
}
