using SimpleActors.Presence.Xml;

namespace SimpleActors.Presence.Rules;

/// <summary>
/// The URI form in which identities are compared: a watcher's authenticated identity against the
/// <c>id</c> of <c>one</c> and <c>except</c> (RFC 4745 section 7.1.1; RFC 5025 section 3.1.1.2 maps a
/// SIP identity to its address-of-record URI), and a domain against <c>many</c>/<c>except</c>
/// <c>domain</c>. As RFC 3261 section 19.1.4 compares SIP URIs: scheme and host without case, the user
/// part exactly. URI parameters and headers are dropped (an address-of-record has none that matter),
/// and <c>sips</c> is compared as <c>sip</c>: one user, whatever transport protection it asked for.
/// </summary>
internal static class WatcherIdentity
{
    /// <summary>The comparable form, or null when <paramref name="uri"/> is not a URI (no scheme).</summary>
    public static string? Normalize(string? uri)
    {
        if (uri is null)
        {
            return null;
        }

        var text = CanonicalXml.TrimXmlWhitespace(uri);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return null;
        }

        var scheme = text[..colon].ToLowerInvariant();
        var rest = text[(colon + 1)..];
        if (scheme == "sips")
        {
            scheme = "sip";
        }

        if (!HasHost(scheme))
        {
            return scheme + ":" + rest;
        }

        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            rest = rest[..question];
        }

        // The user part may hold ';' (user parameters); the host part ends at the first ';' after '@'.
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        var parameters = rest.IndexOf(';', at + 1);
        var hostPart = parameters < 0 ? rest[(at + 1)..] : rest[(at + 1)..parameters];
        if (hostPart.Length == 0)
        {
            return null;
        }

        return scheme + ":" + (at >= 0 ? rest[..(at + 1)] : string.Empty) + hostPart.ToLowerInvariant();
    }

    /// <summary>
    /// The domain of a normalised identity (its host, without port), in lower case; null for a URI
    /// without one (tel:, urn:).
    /// </summary>
    public static string? DomainOf(string normalized)
    {
        var colon = normalized.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !HasHost(normalized[..colon]))
        {
            return null;
        }

        var host = normalized[(colon + 1)..];
        var at = host.LastIndexOf('@');
        if (at >= 0)
        {
            host = host[(at + 1)..];
        }

        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? null : host[..(close + 1)];
        }

        var port = host.IndexOf(':', StringComparison.Ordinal);
        return port < 0 ? host : host[..port];
    }

    /// <summary>A domain attribute in the form <see cref="DomainOf"/> gives.</summary>
    public static string NormalizeDomain(string domain) => CanonicalXml.TrimXmlWhitespace(domain).ToLowerInvariant();

    private static bool HasHost(string scheme) => scheme is "sip" or "pres" or "im" or "mailto" or "xmpp";
}
