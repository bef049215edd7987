using System.Xml.Linq;
using static SimpleActors.Xcap.Rls.ListDocument;

namespace SimpleActors.Xcap.Rls;

/// <summary>
/// A list carried in a SUBSCRIBE body (RFC 5367): a resource-lists document (RFC 4826 section 3) with
/// <c>Content-Type: application/resource-lists+xml</c> and <c>Content-Disposition: recipient-list</c>. Resolve it with
/// <see cref="ResourceListResolver"/>; its lists, in order, make one list.
/// </summary>
public sealed class RequestContainedList
{
    /// <summary>The media type of the body (RFC 4826 section 3.2).</summary>
    public const string ContentType = "application/resource-lists+xml";

    /// <summary>The disposition type (RFC 5363 section 5).</summary>
    public const string Disposition = "recipient-list";

    private RequestContainedList(XElement root) => Root = root;

    /// <summary>The <c>resource-lists</c> element.</summary>
    public XElement Root { get; }

    /// <summary>The top-level lists in document order.</summary>
    public IEnumerable<XElement> Lists => Root.Elements(List);

    /// <summary>Reads the body of a SUBSCRIBE with a list in it.</summary>
    /// <param name="body">The body.</param>
    /// <param name="contentType">The Content-Type header value, or null when absent.</param>
    /// <param name="contentDisposition">The Content-Disposition header value, or null when absent.</param>
    /// <param name="limits">The XCAP reader's limits; null for <see cref="XcapLimits.Default"/>.</param>
    /// <exception cref="ResourceListException">
    /// 415: not application/resource-lists+xml, or the disposition is not recipient-list (RFC 5367 section 4; answer with
    /// <c>Accept: application/resource-lists+xml</c>). 413: too large. 400: not a well-formed resource-lists document.
    /// </exception>
    public static RequestContainedList Read(ReadOnlySpan<byte> body, string? contentType, string? contentDisposition, XcapLimits? limits = null)
    {
        if (!string.Equals(Token(contentType), ContentType, StringComparison.OrdinalIgnoreCase))
        {
            throw new ResourceListException(415, "list body is not application/resource-lists+xml");
        }

        if (!string.Equals(Token(contentDisposition), Disposition, StringComparison.OrdinalIgnoreCase))
        {
            throw new ResourceListException(415, "list body disposition is not recipient-list");
        }

        var root = Parse(body, limits, "resource-lists").Root;
        if (root is null || root.Name != ResourceLists)
        {
            throw new ResourceListException(400, "resource-lists: root is not resource-lists");
        }

        return new RequestContainedList(root);
    }

    /// <summary>The value before any parameters, trimmed.</summary>
    private static string? Token(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? value : value[..semicolon]).Trim();
    }
}
