using System.Xml.Linq;
using SimpleActors.Xcap.Usages;
using static SimpleActors.Xcap.Rls.ListDocument;

namespace SimpleActors.Xcap.Rls;

/// <summary>
/// Resolves a service's list or a request-contained list to its resources (RFC 4826 section 4.5): nested lists
/// flattened; <c>entry-ref</c> (a path relative to the XCAP root to an <c>entry</c>), <c>external</c> and
/// <c>resource-list</c> (absolute HTTP URIs of a <c>list</c>) followed through the caller's fetch function, the node
/// selector applied to the fetched resource-lists document; entry URIs canonicalised (RFC 4826 section 5) and
/// duplicates dropped, the first kept. A pure function of the list and the documents fetched.
/// <para>
/// Loops and bounds (RFC 4662 section 7.4): a reference to a node already being expanded in the same chain is skipped and
/// reported, so is nesting deeper than <see cref="ResourceListResolverOptions.MaxDepth"/> and an entry naming the service
/// itself; more than <see cref="ResourceListResolverOptions.MaxEntries"/> distinct entries gives
/// <see cref="TooManyListEntries"/>. A reference that cannot be followed is reported and skipped; the rest of the list
/// still counts.
/// </para>
/// <para>
/// Authorization lives in the fetch function: it returns null for a document the list's owner may not use (for a
/// request-contained list, any document but the subscriber's own), and the reference is reported unresolvable.
/// </para>
/// </summary>
public static class ResourceListResolver
{
    private static readonly string[] PresenceOnly = ["presence"];

    /// <summary>Resolves a service of an rls-services document.</summary>
    /// <param name="service">The service.</param>
    /// <param name="fetch">Gives a resource-lists document's bytes by its selector, or null when there is none (or it may not be
    /// used). Null: references are not followed.</param>
    /// <param name="options">Null for <see cref="ResourceListResolverOptions.Default"/>.</param>
    public static ListResolution Resolve(RlsService service, Func<XcapDocumentSelector, byte[]?>? fetch, ResourceListResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        var walk = new Walk(fetch, options ?? ResourceListResolverOptions.Default, UriCanonicalForm.Of(service.Uri));
        string? displayName = null;
        if (service.List is { } list)
        {
            displayName = DisplayNameOf(list);
            walk.Expand(list, 1);
        }
        else if (service.ResourceList is { } reference)
        {
            // RFC 4826 section 4.2: an absolute HTTP URI of a <list> in a resource-lists document.
            walk.Follow(reference, absolute: true, List, 1, target =>
            {
                displayName = DisplayNameOf(target);
                walk.Expand(target, 2);
            });
        }

        return walk.Result(displayName, service.Packages);
    }

    /// <summary>Resolves a list carried in a SUBSCRIBE (RFC 5367): its lists in order, as one; packages: presence.</summary>
    /// <param name="list">The list read from the body.</param>
    /// <param name="fetch">As for a service; give one that serves only the subscriber's own documents, or null.</param>
    /// <param name="options">Null for <see cref="ResourceListResolverOptions.Default"/>.</param>
    public static ListResolution Resolve(RequestContainedList list, Func<XcapDocumentSelector, byte[]?>? fetch, ResourceListResolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(list);
        var walk = new Walk(fetch, options ?? ResourceListResolverOptions.Default, null);
        string? displayName = null;
        foreach (var top in list.Lists)
        {
            displayName ??= DisplayNameOf(top);
            walk.Expand(top, 1);
        }

        return walk.Result(displayName, PresenceOnly);
    }

    private sealed class Walk(Func<XcapDocumentSelector, byte[]?>? fetch, ResourceListResolverOptions options, string? serviceUri)
    {
        private readonly List<ListEntry> _entries = [];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<ListProblem> _problems = [];
        private readonly HashSet<string> _chain = new(StringComparer.Ordinal);
        private readonly HashSet<string> _done = new(StringComparer.Ordinal);
        private readonly Dictionary<XcapDocumentSelector, XDocument?> _documents = [];
        private readonly List<XcapDocumentSelector> _read = [];
        private bool _tooMany;

        public ListResolution Result(string? displayName, IReadOnlyList<string> packages) =>
            _tooMany
                ? new TooManyListEntries(options.MaxEntries, _problems, _read)
                : new ResolvedList(displayName, packages, _entries, _problems, _read);

        /// <summary>The children of a list (RFC 4826 section 3.2, listType): entries, entry-refs, externals and lists, in order.</summary>
        public void Expand(XElement list, int depth)
        {
            if (depth > options.MaxDepth)
            {
                _problems.Add(new ListProblem(ListProblemKind.TooDeep, (string?)list.Attribute("name") ?? "list", $"lists nested deeper than {options.MaxDepth}"));
                return;
            }

            foreach (var child in list.Elements())
            {
                if (_tooMany)
                {
                    return;
                }

                if (child.Name == Entry)
                {
                    Add((string?)child.Attribute("uri"), DisplayNameOf(child));
                }
                else if (child.Name == List)
                {
                    Expand(child, depth + 1);
                }
                else if (child.Name == EntryRef)
                {
                    // RFC 4826 section 3.2: the entry-ref's display-name, when it has one, names the entry here.
                    var name = DisplayNameOf(child);
                    Follow((string?)child.Attribute("ref") ?? string.Empty, absolute: false, Entry, depth + 1, entry => Add((string?)entry.Attribute("uri"), name ?? DisplayNameOf(entry)));
                }
                else if (child.Name == External)
                {
                    Follow((string?)child.Attribute("anchor") ?? string.Empty, absolute: true, List, depth + 1, target => Expand(target, depth + 1));
                }
            }
        }

        /// <summary>Resolves a reference to one element named <paramref name="expected"/> and hands it to <paramref name="use"/>,
        /// with the reference on the chain meanwhile.</summary>
        public void Follow(string reference, bool absolute, XName expected, int depth, Action<XElement> use)
        {
            reference = reference.Trim();
            if (depth > options.MaxDepth)
            {
                Problem(ListProblemKind.TooDeep, reference, $"references nested deeper than {options.MaxDepth}");
                return;
            }

            if (Target(reference, absolute) is not { } uri)
            {
                return;
            }

            // A node expanded once gives nothing new the second time (duplicates are dropped): not again, so that a list
            // referring many times to lists that refer many times to others costs its size, not the number of its paths.
            var key = uri.ToString();
            if (_done.Contains(key))
            {
                return;
            }

            if (_chain.Contains(key))
            {
                Problem(ListProblemKind.Loop, reference, "the reference leads back to a list being expanded");
                return;
            }

            if (Document(uri.DocumentSelector, reference) is not { } document)
            {
                return;
            }

            var selected = uri.NodeSelector!.SelectElements(document, XcapNamespaces.ResourceLists);
            if (selected.Count != 1 || selected[0].Name != expected)
            {
                Problem(ListProblemKind.UnresolvableReference, reference, $"does not select one {expected.LocalName} element");
                return;
            }

            _chain.Add(key);
            use(selected[0]);
            _chain.Remove(key);
            _done.Add(key);
        }

        private void Add(string? uri, string? displayName)
        {
            var canonical = uri is null ? string.Empty : UriCanonicalForm.Of(uri);
            if (canonical.Length == 0)
            {
                Problem(ListProblemKind.BadEntry, uri ?? string.Empty, "entry without a URI");
                return;
            }

            if (canonical == serviceUri)
            {
                Problem(ListProblemKind.Loop, uri!, "the list contains its own service URI");
                return;
            }

            if (!_seen.Add(canonical))
            {
                return;
            }

            if (_entries.Count == options.MaxEntries)
            {
                _tooMany = true;
                return;
            }

            _entries.Add(new ListEntry(canonical, displayName));
        }

        /// <summary>The XCAP URI of a reference, with a node selector into a resource-lists document; null (reported) otherwise.</summary>
        private XcapUri? Target(string reference, bool absolute)
        {
            string path;
            string rootPath;
            if (absolute)
            {
                if (!TrySplitHttp(reference, out var authority, out path) || !TryRoot(authority, out rootPath))
                {
                    Problem(ListProblemKind.UnresolvableReference, reference, "not an HTTP URI under our XCAP root");
                    return null;
                }
            }
            else
            {
                // RFC 4826 section 3.2: entry-ref is relative to the XCAP root.
                path = "/" + reference;
                rootPath = "/";
            }

            var question = path.IndexOf('?', StringComparison.Ordinal);
            var query = question < 0 ? null : path[(question + 1)..];
            path = question < 0 ? path : path[..question];
            if (!XcapUri.TryParse(path, query, rootPath, out var uri, out var error, options.Limits))
            {
                Problem(ListProblemKind.UnresolvableReference, reference, error.Reason);
                return null;
            }

            if (uri.DocumentSelector.Auid != ResourceListsUsage.Instance.Auid || uri.NodeSelector is not { Kind: NodeSelectors.XcapNodeKind.Element })
            {
                Problem(ListProblemKind.UnresolvableReference, reference, "not an element of a resource-lists document");
                return null;
            }

            return uri;
        }

        private XDocument? Document(XcapDocumentSelector selector, string reference)
        {
            if (!_documents.TryGetValue(selector, out var document))
            {
                var bytes = fetch?.Invoke(selector);
                _read.Add(selector);
                try
                {
                    document = bytes is null ? null : Parse(bytes, options.Limits, "resource-lists");
                }
                catch (ResourceListException)
                {
                    document = null;
                }

                _documents[selector] = document;
            }

            if (document is null)
            {
                Problem(ListProblemKind.UnresolvableReference, reference, fetch is null ? "references are not followed here" : "no such document, or not readable");
            }

            return document;
        }

        /// <summary>Splits <c>http(s)://authority/path?query</c> into the authority and the raw path with its query.</summary>
        private static bool TrySplitHttp(string uri, out string authority, out string path)
        {
            authority = path = string.Empty;
            var scheme = uri.IndexOf("://", StringComparison.Ordinal);
            if (scheme < 0 || !(uri[..scheme].Equals("http", StringComparison.OrdinalIgnoreCase) || uri[..scheme].Equals("https", StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }

            var rest = uri[(scheme + 3)..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                return false;
            }

            authority = uri[..(scheme + 3 + slash)];
            path = rest[slash..];
            var fragment = path.IndexOf('#', StringComparison.Ordinal);
            path = fragment < 0 ? path : path[..fragment];
            return true;
        }

        /// <summary>The root path when the URI's scheme and authority are those of our XCAP root (any, when none is configured).</summary>
        private bool TryRoot(string authority, out string rootPath)
        {
            rootPath = "/";
            if (options.XcapRoot is not { } root)
            {
                return true;
            }

            // A root given as a path alone: any authority (clients reach the server by whatever name they use).
            if (root.StartsWith('/'))
            {
                rootPath = root.EndsWith('/') ? root : root + "/";
                return true;
            }

            if (!TrySplitHttp(root.EndsWith('/') ? root : root + "/", out var rootAuthority, out var configured))
            {
                return false;
            }

            rootPath = configured;
            return string.Equals(rootAuthority, authority, StringComparison.OrdinalIgnoreCase);
        }

        private void Problem(ListProblemKind kind, string reference, string detail) => _problems.Add(new ListProblem(kind, reference, detail));
    }
}
