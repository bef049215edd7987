using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using SimpleActors.Xcap.NodeSelectors;

namespace SimpleActors.Xcap;

/// <summary>
/// An XCAP URI (RFC 4825 section 6): XCAP root, <c>/</c>, document selector, optionally <c>/~~/</c> and a node selector,
/// optionally a query of XPointer <c>xmlns(prefix=namespace)</c> parts that bind the node selector's prefixes (section
/// 6.4). Parsed from the request path as it came on the wire (still percent-encoded) and the raw query.
/// <para>
/// The path is split at the <c>~~</c> segment and into document selector segments before anything is percent-decoded, so a
/// <c>%2F</c> stays inside its segment and an attribute value of the node selector may hold <c>/</c> or <c>%22</c>-encoded
/// quotes (OpenXCAP decodes first and breaks on them). The node selector is then decoded as a whole and tokenised by a
/// parser that knows quotes.
/// </para>
/// </summary>
public sealed class XcapUri
{
    private static readonly IReadOnlyDictionary<string, string> NoNamespaces = new Dictionary<string, string>();

    /// <summary>A URI of a document, or of a node in it.</summary>
    public XcapUri(XcapDocumentSelector documentSelector, XcapNodeSelector? nodeSelector = null, IReadOnlyDictionary<string, string>? namespaces = null)
    {
        ArgumentNullException.ThrowIfNull(documentSelector);
        DocumentSelector = documentSelector;
        NodeSelector = nodeSelector;
        Namespaces = namespaces ?? NoNamespaces;
    }

    /// <summary>The document: AUID, tree (global or a user's) and path.</summary>
    public XcapDocumentSelector DocumentSelector { get; }

    /// <summary>The node in the document, or null when the URI names the whole document.</summary>
    public XcapNodeSelector? NodeSelector { get; }

    /// <summary>The prefix bindings of the query's <c>xmlns()</c> parts.</summary>
    public IReadOnlyDictionary<string, string> Namespaces { get; }

    /// <summary>
    /// Parses a request.
    /// </summary>
    /// <param name="rawPath">The request path as received, percent-encoded, e.g. <c>/xcap-root/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5B@name=%22friends%22%5D</c>.</param>
    /// <param name="rawQuery">The query as received, with or without its leading <c>?</c>, or null.</param>
    /// <param name="rootPath">The path of the configured XCAP root, e.g. <c>/xcap-root</c> (or <c>/</c>).</param>
    /// <param name="limits">Null for <see cref="XcapLimits.Default"/>.</param>
    /// <exception cref="XcapUriException">404 outside the root or for a bad document selector, 400 for a malformed node selector, query or escape, 414 when too long.</exception>
    public static XcapUri Parse(string rawPath, string? rawQuery, string rootPath, XcapLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(rawPath);
        ArgumentNullException.ThrowIfNull(rootPath);
        limits ??= XcapLimits.Default;
        if (rawPath.Length + (rawQuery?.Length ?? 0) > limits.MaxUriLength)
        {
            Fail(414, "request URI too long");
        }

        var root = rootPath.TrimEnd('/');
        if (root.Length > 0 && root[0] != '/')
        {
            root = "/" + root;
        }

        if (!rawPath.StartsWith(root + "/", StringComparison.Ordinal))
        {
            Fail(404, "not under the XCAP root");
        }

        var rest = rawPath.AsSpan(root.Length + 1);
        var (documentEnd, nodeStart) = FindNodeSeparator(rest);
        var documentPart = documentEnd < 0 ? rest : rest[..documentEnd];
        var document = ParseDocumentSelector(documentPart);
        var namespaces = ParseQuery(rawQuery);
        if (documentEnd < 0)
        {
            return new XcapUri(document, null, namespaces);
        }

        var nodePart = rest[nodeStart..];
        if (!PercentEncoding.TryDecode(nodePart, out var nodeText))
        {
            Fail(400, "bad percent-encoding in the node selector");
        }

        return new XcapUri(document, XcapNodeSelector.Parse(nodeText, namespaces), namespaces);
    }

    /// <summary><see cref="Parse"/> without the exception: false with the status and reason to answer.</summary>
    public static bool TryParse(
        string rawPath,
        string? rawQuery,
        string rootPath,
        [NotNullWhen(true)] out XcapUri? uri,
        [NotNullWhen(false)] out XcapUriException? error,
        XcapLimits? limits = null)
    {
        try
        {
            uri = Parse(rawPath, rawQuery, rootPath, limits);
            error = null;
            return true;
        }
        catch (XcapUriException e)
        {
            uri = null;
            error = e;
            return false;
        }
    }

    /// <summary>
    /// <see cref="TryParse(string, string?, string, out XcapUri?, out XcapUriException?, XcapLimits?)"/> of a request-target
    /// as sent (path, then <c>?</c> and the query, still percent-encoded).
    /// </summary>
    public static bool TryParseTarget(
        string target, string rootPath, [NotNullWhen(true)] out XcapUri? uri, [NotNullWhen(false)] out XcapUriException? error)
    {
        ArgumentNullException.ThrowIfNull(target);
        var question = target.IndexOf('?', StringComparison.Ordinal);
        return question < 0
            ? TryParse(target, null, rootPath, out uri, out error)
            : TryParse(target[..question], target[(question + 1)..], rootPath, out uri, out error);
    }

    /// <summary>
    /// The absolute HTTP URI of a document: <paramref name="xcapRootUrl"/> (e.g. <c>https://xcap.example.com/xcap-root</c>),
    /// then the document selector with each segment percent-encoded (for xcap-directory entries and <c>&lt;ancestor&gt;</c>).
    /// </summary>
    public static string DocumentUri(string xcapRootUrl, XcapDocumentSelector selector)
    {
        ArgumentNullException.ThrowIfNull(xcapRootUrl);
        ArgumentNullException.ThrowIfNull(selector);
        var builder = new StringBuilder(xcapRootUrl.TrimEnd('/')).Append('/').Append(PercentEncoding.Encode(selector.Auid));
        if (selector.Xui is null)
        {
            builder.Append("/global");
        }
        else
        {
            builder.Append("/users/").Append(PercentEncoding.Encode(selector.Xui));
        }

        foreach (var segment in selector.DocumentPath.Split('/'))
        {
            builder.Append('/').Append(PercentEncoding.Encode(segment));
        }

        return builder.ToString();
    }

    /// <summary>
    /// This URI as an absolute HTTP URI under <paramref name="xcapRootUrl"/>: the node selector percent-encoded (quotes and
    /// brackets escaped), and a query binding every prefix it uses.
    /// </summary>
    public string ToHttpUri(string xcapRootUrl)
    {
        var builder = new StringBuilder(DocumentUri(xcapRootUrl, DocumentSelector));
        if (NodeSelector is null)
        {
            return builder.ToString();
        }

        builder.Append("/~~/").Append(PercentEncoding.Encode(NodeSelector.ToString(), "/"));
        var first = true;
        foreach (var name in NodeSelector.PrefixedNames().DistinctBy(n => n.Prefix))
        {
            if (name.Prefix == "xml")
            {
                continue;
            }

            builder.Append(first ? "?" : string.Empty).Append("xmlns(").Append(name.Prefix).Append('=')
                .Append(PercentEncoding.Encode(EscapeXPointer(name.Namespace ?? string.Empty), "/?")).Append(')');
            first = false;
        }

        return builder.ToString();
    }

    public override string ToString() =>
        NodeSelector is null ? DocumentSelector.ToString() : $"{DocumentSelector}/~~/{NodeSelector}";

    // The "~~" path segment (RFC 4825 section 6): the first one separates the document selector from the node selector.
    // Returns where the document selector ends (the '/' before "~~") and where the node selector starts, or (-1, -1).
    private static (int DocumentEnd, int NodeStart) FindNodeSeparator(ReadOnlySpan<char> path)
    {
        var start = 0;
        while (start <= path.Length)
        {
            var slash = path[start..].IndexOf('/');
            var end = slash < 0 ? path.Length : start + slash;
            var segment = path[start..end];
            if (segment is "~~" || segment.Equals("%7E%7E", StringComparison.OrdinalIgnoreCase))
            {
                if (start == 0)
                {
                    Fail(404, "no document selector before ~~");
                }

                if (end >= path.Length - 1)
                {
                    Fail(400, "malformed node selector: empty");
                }

                return (start - 1, end + 1);
            }

            if (slash < 0)
            {
                break;
            }

            start = end + 1;
        }

        return (-1, -1);
    }

    private static XcapDocumentSelector ParseDocumentSelector(ReadOnlySpan<char> raw)
    {
        var segments = new List<string>();
        foreach (var range in raw.Split('/'))
        {
            if (!PercentEncoding.TryDecode(raw[range], out var segment))
            {
                Fail(400, "bad percent-encoding in the document selector");
            }

            segments.Add(segment);
        }

        // RFC 4825 section 6.2: AUID "/" ("global" / "users" "/" XUI) "/" document path.
        if (segments.Count < 3 || segments[0].Length == 0)
        {
            Fail(404, "not a document selector");
        }

        var (xui, pathStart) = segments[1] switch
        {
            "global" => ((string?)null, 2),
            "users" => (segments[2], 3),
            _ => FailWith<(string?, int)>(404, "the document context must be 'global' or 'users'"),
        };
        if (xui is { Length: 0 })
        {
            Fail(404, "no XUI");
        }

        if (pathStart >= segments.Count)
        {
            Fail(404, "no document path");
        }

        for (var i = pathStart; i < segments.Count; i++)
        {
            if (segments[i].Length == 0 || segments[i] is "." or ".." || segments[i].Contains('/', StringComparison.Ordinal))
            {
                Fail(404, "bad document path");
            }
        }

        if (segments[0] is "." or ".." || xui is "." or "..")
        {
            Fail(404, "bad document selector");
        }

        return new XcapDocumentSelector(segments[0], xui is null ? null : XcapDocumentSelector.CanonicalXui(xui), string.Join('/', segments.Skip(pathStart)));
    }

    // RFC 4825 section 6.4, XPointer xmlns() scheme: xmlns( S? NCName S? = S? EscapedNamespaceName S? ), where '^' escapes
    // '(', ')' and '^'.
    private static IReadOnlyDictionary<string, string> ParseQuery(string? rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery) || rawQuery == "?")
        {
            return NoNamespaces;
        }

        if (!PercentEncoding.TryDecode(rawQuery[0] == '?' ? rawQuery.AsSpan(1) : rawQuery, out var query))
        {
            Fail(400, "bad percent-encoding in the query");
        }

        var bindings = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = 0;
        while (true)
        {
            at = SkipSpace(query, at);
            if (at == query.Length)
            {
                return bindings;
            }

            if (string.CompareOrdinal(query, at, "xmlns(", 0, 6) != 0)
            {
                Fail(400, "the query may hold only xmlns() parts");
            }

            at = SkipSpace(query, at + 6);
            var start = at;
            while (at < query.Length && (at == start ? XmlConvert.IsStartNCNameChar(query[at]) : XmlConvert.IsNCNameChar(query[at])))
            {
                at++;
            }

            var prefix = query[start..at];
            at = SkipSpace(query, at);
            if (prefix.Length == 0 || at == query.Length || query[at] != '=')
            {
                Fail(400, "malformed xmlns() part");
            }

            at = SkipSpace(query, at + 1);
            var ns = new StringBuilder();
            while (at < query.Length && query[at] != ')')
            {
                if (query[at] == '^')
                {
                    if (at + 1 == query.Length || query[at + 1] is not ('(' or ')' or '^'))
                    {
                        Fail(400, "bad ^ escape in an xmlns() part");
                    }

                    at++;
                }
                else if (query[at] == '(')
                {
                    Fail(400, "unescaped '(' in an xmlns() part");
                }

                ns.Append(query[at++]);
            }

            if (at == query.Length)
            {
                Fail(400, "unterminated xmlns() part");
            }

            at++;
            var name = ns.ToString().TrimEnd(' ', '\t', '\r', '\n');
            if (name.Length == 0 || prefix is "xml" or "xmlns")
            {
                Fail(400, "an xmlns() part must bind a prefix other than xml and xmlns to a namespace");
            }

            bindings[prefix] = name;
        }
    }

    private static int SkipSpace(string text, int at)
    {
        while (at < text.Length && text[at] is ' ' or '\t' or '\r' or '\n')
        {
            at++;
        }

        return at;
    }

    private static string EscapeXPointer(string ns) => ns.Replace("^", "^^", StringComparison.Ordinal)
        .Replace("(", "^(", StringComparison.Ordinal).Replace(")", "^)", StringComparison.Ordinal);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Fail(int status, string reason) => throw new XcapUriException(status, reason);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T FailWith<T>(int status, string reason) => throw new XcapUriException(status, reason);
}
