using System.Collections.Frozen;
using System.Text;

namespace SimpleActors.Sip.Message;

/// <summary>
/// Canonical spellings of the known header names, their compact forms (RFC 3261 section 7.3.3 and the
/// extensions that define one), and an allocation-free lookup from the bytes of a name as received.
/// Header names are case-insensitive (RFC 3261 section 7.3.1).
/// </summary>
public static class HeaderNames
{
    // Compact forms: RFC 3261 section 7.3.3 (i m e l c f s k t v), RFC 6665 (o u), RFC 3515 (r),
    // RFC 3892 (b), RFC 4028 (x), RFC 3841 (a j d), RFC 4474 (y n).
    // Declared first: the fields below are built from it, and static fields initialise in textual order.
    private static readonly (KnownHeader Header, string Name, string? Compact)[] Table =
    [
        (KnownHeader.Accept, "Accept", null),
        (KnownHeader.AcceptEncoding, "Accept-Encoding", null),
        (KnownHeader.AcceptLanguage, "Accept-Language", null),
        (KnownHeader.AlertInfo, "Alert-Info", null),
        (KnownHeader.Allow, "Allow", null),
        (KnownHeader.AllowEvents, "Allow-Events", "u"),
        (KnownHeader.AuthenticationInfo, "Authentication-Info", null),
        (KnownHeader.Authorization, "Authorization", null),
        (KnownHeader.CallId, "Call-ID", "i"),
        (KnownHeader.CallInfo, "Call-Info", null),
        (KnownHeader.Contact, "Contact", "m"),
        (KnownHeader.ContentDisposition, "Content-Disposition", null),
        (KnownHeader.ContentEncoding, "Content-Encoding", "e"),
        (KnownHeader.ContentLanguage, "Content-Language", null),
        (KnownHeader.ContentLength, "Content-Length", "l"),
        (KnownHeader.ContentType, "Content-Type", "c"),
        (KnownHeader.CSeq, "CSeq", null),
        (KnownHeader.Date, "Date", null),
        (KnownHeader.ErrorInfo, "Error-Info", null),
        (KnownHeader.Event, "Event", "o"),
        (KnownHeader.Expires, "Expires", null),
        (KnownHeader.From, "From", "f"),
        (KnownHeader.InReplyTo, "In-Reply-To", null),
        (KnownHeader.MaxForwards, "Max-Forwards", null),
        (KnownHeader.MimeVersion, "MIME-Version", null),
        (KnownHeader.MinExpires, "Min-Expires", null),
        (KnownHeader.Organization, "Organization", null),
        (KnownHeader.Path, "Path", null),
        (KnownHeader.Priority, "Priority", null),
        (KnownHeader.ProxyAuthenticate, "Proxy-Authenticate", null),
        (KnownHeader.ProxyAuthorization, "Proxy-Authorization", null),
        (KnownHeader.ProxyRequire, "Proxy-Require", null),
        (KnownHeader.RecordRoute, "Record-Route", null),
        (KnownHeader.ReferTo, "Refer-To", "r"),
        (KnownHeader.ReferredBy, "Referred-By", "b"),
        (KnownHeader.ReplyTo, "Reply-To", null),
        (KnownHeader.Require, "Require", null),
        (KnownHeader.RetryAfter, "Retry-After", null),
        (KnownHeader.Route, "Route", null),
        (KnownHeader.Server, "Server", null),
        (KnownHeader.SipETag, "SIP-ETag", null),
        (KnownHeader.SipIfMatch, "SIP-If-Match", null),
        (KnownHeader.Subject, "Subject", "s"),
        (KnownHeader.SubscriptionState, "Subscription-State", null),
        (KnownHeader.Supported, "Supported", "k"),
        (KnownHeader.Timestamp, "Timestamp", null),
        (KnownHeader.To, "To", "t"),
        (KnownHeader.Unsupported, "Unsupported", null),
        (KnownHeader.UserAgent, "User-Agent", null),
        (KnownHeader.Via, "Via", "v"),
        (KnownHeader.Warning, "Warning", null),
        (KnownHeader.WwwAuthenticate, "WWW-Authenticate", null),
        (KnownHeader.MinSE, "Min-SE", null),
        (KnownHeader.SessionExpires, "Session-Expires", "x"),
        (KnownHeader.AcceptContact, "Accept-Contact", "a"),
        (KnownHeader.RejectContact, "Reject-Contact", "j"),
        (KnownHeader.RequestDisposition, "Request-Disposition", "d"),
        (KnownHeader.Identity, "Identity", "y"),
        (KnownHeader.IdentityInfo, "Identity-Info", "n"),
        (KnownHeader.RSeq, "RSeq", null),
        (KnownHeader.RAck, "RAck", null),
    ];

    private static readonly string[] Canonical = BuildCanonical();

    private static readonly FrozenDictionary<string, KnownHeader> ByName = BuildLookup();

    private static readonly FrozenDictionary<string, KnownHeader>.AlternateLookup<ReadOnlySpan<char>> ByNameSpan =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly byte[][] CanonicalBytes = Canonical.Select(n => Encoding.ASCII.GetBytes(n)).ToArray();

    /// <summary>Longest name in the table; longer names are unknown without a lookup.</summary>
    private static readonly int LongestName = ByName.Keys.Max(k => k.Length);

    /// <summary>The canonical spelling of a known header, e.g. <c>Call-ID</c>.</summary>
    public static string GetName(KnownHeader header) => Canonical[(int)header];

    /// <summary>The canonical spelling as ASCII bytes, for the serializer.</summary>
    public static ReadOnlySpan<byte> GetNameBytes(KnownHeader header) => CanonicalBytes[(int)header];

    /// <summary>Looks a name (long or compact form, any case) up; <see cref="KnownHeader.Unknown"/> if not known.</summary>
    public static KnownHeader Lookup(ReadOnlySpan<char> name)
        => ByNameSpan.TryGetValue(name, out var header) ? header : KnownHeader.Unknown;

    /// <summary>Looks up a header name given as the ASCII bytes of a token, without allocating.</summary>
    public static KnownHeader Lookup(ReadOnlySpan<byte> name)
    {
        if (name.Length == 0 || name.Length > LongestName)
        {
            return KnownHeader.Unknown;
        }

        Span<char> chars = stackalloc char[name.Length];
        for (var i = 0; i < name.Length; i++)
        {
            chars[i] = (char)name[i];
        }

        return Lookup(chars);
    }

    public static KnownHeader Lookup(string name) => ByName.TryGetValue(name, out var header) ? header : KnownHeader.Unknown;

    private static string[] BuildCanonical()
    {
        var names = new string[Enum.GetValues<KnownHeader>().Length];
        names[(int)KnownHeader.Unknown] = string.Empty;
        foreach (var (header, name, _) in Table)
        {
            names[(int)header] = name;
        }

        return names;
    }

    private static FrozenDictionary<string, KnownHeader> BuildLookup()
    {
        var map = new Dictionary<string, KnownHeader>(StringComparer.OrdinalIgnoreCase);
        foreach (var (header, name, compact) in Table)
        {
            map.Add(name, header);
            if (compact is not null)
            {
                map.Add(compact, header);
            }
        }

        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }


    /// <summary>
    /// Headers that may appear at most once (their grammar has no comma list): a second one makes the
    /// message invalid (RFC 3261 section 7.3.1, RFC 4475 section 3.3.8).
    /// </summary>
    public static bool IsSingleValue(KnownHeader header) => header switch
    {
        KnownHeader.CallId or KnownHeader.CSeq or KnownHeader.From or KnownHeader.To
            or KnownHeader.MaxForwards or KnownHeader.ContentLength or KnownHeader.ContentType
            or KnownHeader.Expires or KnownHeader.MinExpires or KnownHeader.Event
            or KnownHeader.SubscriptionState or KnownHeader.SipETag or KnownHeader.SipIfMatch
            or KnownHeader.Date or KnownHeader.MimeVersion or KnownHeader.RetryAfter
            or KnownHeader.ContentDisposition or KnownHeader.Timestamp or KnownHeader.ReplyTo
            or KnownHeader.ReferTo or KnownHeader.ReferredBy or KnownHeader.RSeq or KnownHeader.RAck
            or KnownHeader.MinSE or KnownHeader.SessionExpires or KnownHeader.Priority
            or KnownHeader.Organization or KnownHeader.Subject or KnownHeader.Server or KnownHeader.UserAgent
            or KnownHeader.Identity or KnownHeader.IdentityInfo => true,
        _ => false,
    };
}
