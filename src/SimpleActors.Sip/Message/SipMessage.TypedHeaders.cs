using System.Globalization;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Message;

/// <summary>
/// Typed views of the headers the server uses. Each is parsed from the header rows on first read and kept with
/// the message until its headers change (<see cref="HeaderCollection.Version"/>), so a message checked by the
/// validator and then routed parses each header once. A malformed value throws <see cref="SipParseException"/>
/// with 400 and the header's name in the reason, on every read.
/// </summary>
public abstract partial class SipMessage
{
    /// <summary>Every Via value, top first, across rows and comma lists (RFC 3261 section 20.42).</summary>
    public IReadOnlyList<ViaHeader> Vias => Cached(TypedSlot.Vias, static m => m.ListOf(KnownHeader.Via, ViaHeader.Parse));

    /// <summary>The topmost Via, the one that names the sender of a request (RFC 3261 section 18.2.1).</summary>
    public ViaHeader? TopVia => Cached(TypedSlot.TopVia, static m => m.FirstOfList(KnownHeader.Via, ViaHeader.Parse));

    public NameAddress? From => Cached(TypedSlot.From, static m => m.Single(KnownHeader.From, NameAddress.Parse));

    public NameAddress? To => Cached(TypedSlot.To, static m => m.Single(KnownHeader.To, NameAddress.Parse));

    public CSeqHeader? CSeq => Cached(TypedSlot.CSeq, static m => m.Single(KnownHeader.CSeq, CSeqHeader.Parse));

    /// <summary>Max-Forwards, 0 to 255 (RFC 3261 section 20.22, RFC 4475 section 3.1.2.4).</summary>
    public int? MaxForwards => Cached(TypedSlot.MaxForwards, static m => m.Single(KnownHeader.MaxForwards, v => ParseNumber(v, 255, "Max-Forwards")));

    /// <summary>Contact values, across rows and comma lists; <c>*</c> appears as <see cref="ContactValue.IsWildcard"/>.</summary>
    public IReadOnlyList<ContactValue> Contacts => Cached(TypedSlot.Contacts, static m => m.ListOf(KnownHeader.Contact, ContactValue.Parse));

    /// <summary>Expires in seconds (RFC 3261 section 20.19); values past int range are capped, past 2^32-1 refused.</summary>
    public int? Expires => Cached(TypedSlot.Expires, static m => m.Single(KnownHeader.Expires, v => ParseDeltaSeconds(v, "Expires")));

    public int? MinExpires => Cached(TypedSlot.MinExpires, static m => m.Single(KnownHeader.MinExpires, v => ParseDeltaSeconds(v, "Min-Expires")));

    public EventHeader? Event => Cached(TypedSlot.Event, static m => m.Single(KnownHeader.Event, EventHeader.Parse));

    public SubscriptionStateHeader? SubscriptionState => Cached(TypedSlot.SubscriptionState, static m => m.Single(KnownHeader.SubscriptionState, SubscriptionStateHeader.Parse));

    public MediaType? ContentType => Cached(TypedSlot.ContentType, static m => m.Single(KnownHeader.ContentType, MediaType.Parse));

    public IReadOnlyList<MediaType> Accept => Cached(TypedSlot.Accept, static m => m.ListOf(KnownHeader.Accept, MediaType.Parse));

    public IReadOnlyList<string> AllowEvents => Cached(TypedSlot.AllowEvents, static m => m.Tokens(KnownHeader.AllowEvents));

    public IReadOnlyList<string> Allow => Cached(TypedSlot.Allow, static m => m.Tokens(KnownHeader.Allow));

    public IReadOnlyList<string> Require => Cached(TypedSlot.Require, static m => m.Tokens(KnownHeader.Require));

    public IReadOnlyList<string> ProxyRequire => Cached(TypedSlot.ProxyRequire, static m => m.Tokens(KnownHeader.ProxyRequire));

    public IReadOnlyList<string> Supported => Cached(TypedSlot.Supported, static m => m.Tokens(KnownHeader.Supported));

    public IReadOnlyList<string> Unsupported => Cached(TypedSlot.Unsupported, static m => m.Tokens(KnownHeader.Unsupported));

    public IReadOnlyList<NameAddress> Routes => Cached(TypedSlot.Routes, static m => m.ListOf(KnownHeader.Route, NameAddress.Parse));

    public IReadOnlyList<NameAddress> RecordRoutes => Cached(TypedSlot.RecordRoutes, static m => m.ListOf(KnownHeader.RecordRoute, NameAddress.Parse));

    /// <summary>Path (RFC 3327).</summary>
    public IReadOnlyList<NameAddress> Path => Cached(TypedSlot.Path, static m => m.ListOf(KnownHeader.Path, NameAddress.Parse));

    /// <summary>SIP-ETag (RFC 3903 section 11.3.1).</summary>
    public string? SipETag => Cached(TypedSlot.SipETag, static m => m.Single(KnownHeader.SipETag, v => ParseToken(v, "SIP-ETag")));

    /// <summary>SIP-If-Match (RFC 3903 section 11.3.2).</summary>
    public string? SipIfMatch => Cached(TypedSlot.SipIfMatch, static m => m.Single(KnownHeader.SipIfMatch, v => ParseToken(v, "SIP-If-Match")));

    /// <summary>One challenge per row; a challenge's own parameters are comma separated (RFC 3261 section 20.44).</summary>
    public IReadOnlyList<AuthChallenge> WwwAuthenticate => Cached(TypedSlot.WwwAuthenticate, static m => m.Rows(KnownHeader.WwwAuthenticate, AuthChallenge.Parse));

    public IReadOnlyList<AuthChallenge> ProxyAuthenticate => Cached(TypedSlot.ProxyAuthenticate, static m => m.Rows(KnownHeader.ProxyAuthenticate, AuthChallenge.Parse));

    public IReadOnlyList<AuthCredentials> Authorization => Cached(TypedSlot.Authorization, static m => m.Rows(KnownHeader.Authorization, AuthCredentials.Parse));

    public IReadOnlyList<AuthCredentials> ProxyAuthorization => Cached(TypedSlot.ProxyAuthorization, static m => m.Rows(KnownHeader.ProxyAuthorization, AuthCredentials.Parse));

    private static readonly object NullValue = new();

    private TypedCache? typedCache;

    private enum TypedSlot
    {
        Vias,
        TopVia,
        From,
        To,
        CSeq,
        MaxForwards,
        Contacts,
        Expires,
        MinExpires,
        Event,
        SubscriptionState,
        ContentType,
        Accept,
        AllowEvents,
        Allow,
        Require,
        ProxyRequire,
        Supported,
        Unsupported,
        Routes,
        RecordRoutes,
        Path,
        SipETag,
        SipIfMatch,
        WwwAuthenticate,
        ProxyAuthenticate,
        Authorization,
        ProxyAuthorization,
        Count,
    }

    private T Cached<T>(TypedSlot slot, Func<SipMessage, T> parse)
    {
        var cache = typedCache;
        if (cache is null || cache.Version != Headers.Version)
        {
            cache = new TypedCache(Headers.Version);
            typedCache = cache;
        }

        var hit = cache.Values[(int)slot];
        if (hit is not null)
        {
            return ReferenceEquals(hit, NullValue) ? default! : (T)hit;
        }

        var value = parse(this);
        cache.Values[(int)slot] = (object?)value ?? NullValue;
        return value;
    }

    /// <summary>Parsed values of one version of the headers; a race between readers only parses twice.</summary>
    private sealed class TypedCache(int version)
    {
        public int Version { get; } = version;

        public object?[] Values { get; } = new object?[(int)TypedSlot.Count];
    }

    private T? Single<T>(KnownHeader header, Func<string, T> parse)
        where T : class?
    {
        if (!Headers.TryGetFirst(header, out var field))
        {
            return null;
        }

        return Typed(header, field.Value, parse);
    }

    private int? Single(KnownHeader header, Func<string, int> parse)
        => Headers.TryGetFirst(header, out var field) ? Typed(header, field.Value, parse) : null;

    private T? FirstOfList<T>(KnownHeader header, Func<string, T> parse)
        where T : class
    {
        if (!Headers.TryGetFirst(header, out var field))
        {
            return null;
        }

        var values = Typed(header, field.Value, HeaderValueList.Split);
        return values.Count == 0 ? null : Typed(header, values[0], parse);
    }

    private List<T> ListOf<T>(KnownHeader header, Func<string, T> parse)
    {
        var list = new List<T>();
        foreach (var row in Headers.GetValues(header))
        {
            foreach (var value in Typed(header, row, HeaderValueList.Split))
            {
                list.Add(Typed(header, value, parse));
            }
        }

        return list;
    }

    private List<T> Rows<T>(KnownHeader header, Func<string, T> parse)
    {
        var list = new List<T>();
        foreach (var row in Headers.GetValues(header))
        {
            list.Add(Typed(header, row, parse));
        }

        return list;
    }

    private List<string> Tokens(KnownHeader header)
    {
        var list = new List<string>();
        foreach (var row in Headers.GetValues(header))
        {
            list.AddRange(Typed(header, row, HeaderValueList.ParseTokens));
        }

        return list;
    }

    private static T Typed<T>(KnownHeader header, string value, Func<string, T> parse)
    {
        try
        {
            return parse(value);
        }
        catch (SipParseException e)
        {
            throw new SipParseException(e.StatusCode, $"Invalid {HeaderNames.GetName(header)} header: {e.Reason}");
        }
    }

    private static int ParseNumber(string value, int max, string name)
    {
        var ok = value.Length is > 0 and <= 10 && !value.AsSpan().ContainsAnyExceptInRange('0', '9');
        long n = 0;
        if (!ok || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n > max)
        {
            SipParseError.BadRequest($"{name} is not a number from 0 to {max}");
        }

        return (int)n;
    }

    // delta-seconds = 1*DIGIT, at most 2^32-1 (RFC 3261 section 20.19, RFC 4475 section 3.1.2.4).
    private static int ParseDeltaSeconds(string value, string name)
    {
        var digits = value.AsSpan().TrimStart('0');
        var ok = value.Length > 0 && !value.AsSpan().ContainsAnyExceptInRange('0', '9') && digits.Length <= 10;
        ulong n = 0;
        if (!ok || !ulong.TryParse(digits.IsEmpty ? "0" : digits, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n > uint.MaxValue)
        {
            SipParseError.BadRequest($"{name} is not a number of seconds from 0 to 2^32-1");
        }

        return (int)Math.Min(n, int.MaxValue);
    }

    private static string ParseToken(string value, string name)
        => SipToken.IsTokenString(value) ? value : SipParseError.BadRequest<string>($"{name} is not a token");
}
