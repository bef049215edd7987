namespace SimpleActors.Xcap.Usages;

/// <summary>
/// The checks on the references a resource list holds (RFC 4826 section 3.4.5, and section 4.4.5 for rls-services):
/// an <c>&lt;entry-ref ref&gt;</c> is a relative path, resolved against the XCAP root, to an <c>&lt;entry&gt;</c> of a
/// resource-lists document; an <c>&lt;external anchor&gt;</c> or <c>&lt;resource-list&gt;</c> is an absolute HTTP(S) URI
/// of a <c>&lt;list&gt;</c> of a resource-lists document. Only the URI is looked at: whether the element exists is the
/// server's business (it reads other documents).
/// </summary>
internal static class ListReferences
{
    private const string NodeSelectorSeparator = "/~~/";

    /// <summary>Null when <paramref name="reference"/> is a relative path to an entry, else why not.</summary>
    public static string? EntryRefProblem(string reference)
    {
        if (reference.Length == 0)
        {
            return "entry-ref: the ref attribute is empty";
        }

        // RFC 3986 section 4.2: a relative-path reference starts with neither '/' nor a scheme (a first segment with ':').
        var firstSlash = reference.IndexOf('/', StringComparison.Ordinal);
        var firstSegment = firstSlash < 0 ? reference : reference[..firstSlash];
        if (reference[0] == '/' || firstSegment.Contains(':', StringComparison.Ordinal) || reference.Contains('?', StringComparison.Ordinal) || reference.Contains('#', StringComparison.Ordinal))
        {
            return $"entry-ref: ref \"{reference}\" is not a relative path reference to the XCAP root";
        }

        var path = Uri.UnescapeDataString(reference);
        if (!path.StartsWith("resource-lists/", StringComparison.Ordinal))
        {
            return $"entry-ref: ref \"{reference}\" is not in a resource-lists document";
        }

        return LastStep(path) == "entry" ? null : $"entry-ref: ref \"{reference}\" does not select an <entry> element";
    }

    /// <summary>Null when <paramref name="uri"/> is an absolute HTTP(S) URI of a list, else why not.</summary>
    /// <param name="what">The element or attribute, for the phrase.</param>
    public static string? ListUriProblem(string uri, string what)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            return $"{what}: \"{uri}\" is not an absolute HTTP URI";
        }

        var decoded = Uri.UnescapeDataString(uri);
        var separator = decoded.IndexOf(NodeSelectorSeparator, StringComparison.Ordinal);
        if (separator < 0 || !decoded[..separator].Contains("/resource-lists/", StringComparison.Ordinal))
        {
            return $"{what}: \"{uri}\" is not the URI of an element of a resource-lists document";
        }

        return LastStep(decoded) == "list" ? null : $"{what}: \"{uri}\" does not select a <list> element";
    }

    /// <summary>The local name of the node selector's last step (after <c>/~~/</c>), or null when there is none or it is not an element.</summary>
    private static string? LastStep(string path)
    {
        var separator = path.IndexOf(NodeSelectorSeparator, StringComparison.Ordinal);
        if (separator < 0)
        {
            return null;
        }

        var selector = path[(separator + NodeSelectorSeparator.Length)..];
        var fragment = selector.IndexOf('#', StringComparison.Ordinal);
        var query = selector.IndexOf('?', StringComparison.Ordinal);
        var end = new[] { fragment, query }.Where(static i => i >= 0).DefaultIfEmpty(selector.Length).Min();
        selector = selector[..end];

        // Split at '/' outside predicates and quoted values.
        var start = 0;
        var depth = 0;
        char? quote = null;
        for (var i = 0; i < selector.Length; i++)
        {
            var c = selector[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }
            else if (c == '/' && depth == 0)
            {
                start = i + 1;
            }
        }

        var step = selector[start..];
        var predicate = step.IndexOf('[', StringComparison.Ordinal);
        if (predicate >= 0)
        {
            step = step[..predicate];
        }

        if (step.Length == 0 || step[0] == '@' || step.Contains("::", StringComparison.Ordinal))
        {
            return null;
        }

        var colon = step.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? step : step[(colon + 1)..];
    }
}
