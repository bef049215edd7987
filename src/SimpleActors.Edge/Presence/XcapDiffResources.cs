using System.Xml;
using System.Xml.Linq;
using SimpleActors.Engine.Subscription;
using SimpleActors.Sip.Message;
using SimpleActors.Xcap;

namespace SimpleActors.Edge.Presence;

/// <summary>
/// What an xcap-diff SUBSCRIBE asks to watch (RFC 5875 section 4.2): its <c>application/resource-lists+xml</c> body lists
/// XCAP URIs, each a document or a folder (a path ending in <c>/</c>: every document below it). Each is authorized as a
/// GET by the subscriber would be (section 4.4): only its own tree, <c>&lt;auid&gt;/users/&lt;its AOR&gt;/</c>. Entries
/// outside the configured XCAP root, of another user, or naming an element or attribute (RFC 5874 element and attribute
/// subscriptions are not served) are left out. Pure: the edge calls it before the subscription exists.
/// </summary>
public static class XcapDiffResources
{
    /// <summary>The type the SUBSCRIBE body must have (RFC 5875 section 4.2).</summary>
    public const string ContentType = "application/resource-lists+xml";

    /// <summary>The largest body read.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private const string ResourceListsNamespace = "urn:ietf:params:xml:ns:resource-lists";

    /// <summary>
    /// The documents <paramref name="watcher"/> may watch of those <paramref name="body"/> lists under the root path
    /// <paramref name="rootPath"/>, with the <c>diff-processing</c> it asked for; or the reason the body is refused (400).
    /// </summary>
    public static (WatchedDocuments? Documents, string? Refusal) Parse(
        ReadOnlySpan<byte> body, string? contentType, string rootPath, string watcher, string? diffProcessing)
    {
        ArgumentNullException.ThrowIfNull(rootPath);
        ArgumentNullException.ThrowIfNull(watcher);
        if (body.IsEmpty || !string.Equals(contentType, ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, "an xcap-diff SUBSCRIBE lists the documents it watches in an application/resource-lists+xml body (RFC 5875 section 4.2)");
        }

        if (body.Length > MaxBodyBytes)
        {
            return (null, "resource list too large");
        }

        XDocument document;
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxBodyBytes, IgnoreComments = true,
            });
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return (null, "the resource list is not well-formed XML");
        }

        string? root = null;
        var selectors = new List<string>();
        foreach (var entry in document.Descendants(XName.Get("entry", ResourceListsNamespace)))
        {
            if (entry.Attribute("uri")?.Value is not { } text || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https"))
            {
                continue;
            }

            var path = uri.AbsolutePath;
            if (!path.StartsWith(rootPath.TrimEnd('/') + "/", StringComparison.Ordinal))
            {
                continue;
            }

            var entryRoot = uri.GetLeftPart(UriPartial.Authority) + rootPath.TrimEnd('/');
            if (root is not null && root != entryRoot)
            {
                continue; // one xcap-diff document has one xcap-root (RFC 5874 section 3)
            }

            if (Selector(path, uri.Query, rootPath, watcher) is { } selector)
            {
                root ??= entryRoot;
                if (!selectors.Contains(selector, StringComparer.Ordinal))
                {
                    selectors.Add(selector);
                }
            }
        }

        if (root is null)
        {
            return (null, "the resource list names no XCAP document or folder of the subscriber's under this server's XCAP root");
        }

        // RFC 5875 section 4.3: an unknown diff-processing value is taken as the default.
        var processing = diffProcessing?.ToLowerInvariant() is WatchedDocuments.XcapPatching or WatchedDocuments.Aggregate or WatchedDocuments.NoPatching
            ? diffProcessing.ToLowerInvariant()
            : null;
        return (new WatchedDocuments(root, selectors, processing), null);
    }

    /// <summary>The document selector (or folder, ending in <c>/</c>) a path names, when it is in the watcher's own tree.</summary>
    private static string? Selector(string path, string query, string rootPath, string watcher)
    {
        if (path.EndsWith('/'))
        {
            // A folder: <auid>/users/<xui>/ (a document's path may have folders of its own below it).
            var relative = Uri.UnescapeDataString(path[(rootPath.TrimEnd('/').Length + 1)..]);
            var parts = relative.Split('/');
            if (parts.Length < 4 || parts[1] != "users" || !SameUser(parts[2], watcher))
            {
                return null;
            }

            // The XUI as the documents' selectors have it (their tree's canonical name), or the folder would cover none of them.
            parts[2] = XcapDocumentSelector.CanonicalXui(parts[2]);
            return string.Join('/', parts);
        }

        if (!XcapUri.TryParse(path, query.Length > 0 ? query[1..] : null, rootPath, out var parsed, out _) || parsed.NodeSelector is not null)
        {
            return null;
        }

        return parsed.DocumentSelector.Xui is { } xui && SameUser(xui, watcher) ? parsed.DocumentSelector.ToString() : null;
    }

    private static bool SameUser(string xui, string watcher) => Xcap.XcapEndpoint.SameUser(xui, watcher);
}
