using System.Globalization;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Message;

/// <summary>
/// The checks applied to every parsed message before it is routed: the parser has framed it; this says
/// whether the server can act on it. A failed check throws <see cref="SipParseException"/> with the
/// status to answer. Checks that depend on the server's configuration (schemes, extensions, methods,
/// domains) belong to the router, not here.
/// </summary>
public static class SipMessageValidator
{
    // RFC 3261 section 8.1.1: a request carries To, From, CSeq, Call-ID, Max-Forwards and Via; responses
    // copy all but Max-Forwards (section 8.2.6.2). Max-Forwards is not demanded on receipt: RFC 2543 had
    // none and RFC 4475 section 3.4.1 asks that such requests be accepted; a server treats it as 70.
    private static readonly KnownHeader[] Mandatory =
        [KnownHeader.To, KnownHeader.From, KnownHeader.CSeq, KnownHeader.CallId, KnownHeader.Via];

    // RFC 3261 section 25.1 (and RFC 3327 for Path): these are 1# lists, so every row holds at least one value. The top
    // Via is the first value of the first row (section 18.2.1), which must therefore exist.
    private static readonly KnownHeader[] NonEmptyLists =
        [KnownHeader.Via, KnownHeader.Route, KnownHeader.RecordRoute, KnownHeader.Path, KnownHeader.Contact];

    /// <summary>Throws <see cref="SipParseException"/> if the message cannot be acted on.</summary>
    public static void Validate(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        CheckSingleValueHeaders(message);
        CheckMandatoryHeaders(message);
        CheckNonEmptyLists(message);
        CheckHeaderSyntax(message);

        if (message is SipRequest request)
        {
            CheckRequestUri(request);

            // RFC 3261 section 8.1.1.5 / RFC 4475 section 3.1.2.17: the CSeq method is the request's method.
            if (!string.Equals(request.CSeq!.Method, request.Method, StringComparison.Ordinal))
            {
                SipParseError.BadRequest("CSeq method does not match the request method");
            }
        }

        // RFC 3261 section 18.3 / 20.14: Content-Length counts the body's octets.
        if (message.DeclaredContentLength is { } declared && declared != message.Body.Length)
        {
            SipParseError.BadRequest("Content-Length does not match the body");
        }
    }

    /// <summary>True if <see cref="Validate"/> passes; otherwise the error it would throw.</summary>
    public static bool TryValidate(SipMessage message, out SipParseException? error)
    {
        try
        {
            Validate(message);
            error = null;
            return true;
        }
        catch (SipParseException e)
        {
            error = e;
            return false;
        }
    }

    private static void CheckSingleValueHeaders(SipMessage message)
    {
        // RFC 3261 section 7.3.1 / RFC 4475 section 3.3.8: a field that is not a comma list appears once.
        Span<byte> seen = stackalloc byte[256];
        foreach (var field in message.Headers)
        {
            if (HeaderNames.IsSingleValue(field.Id) && ++seen[(int)field.Id] > 1)
            {
                SipParseError.BadRequest($"More than one {field.Name} header field");
            }
        }
    }

    private static void CheckMandatoryHeaders(SipMessage message)
    {
        foreach (var header in Mandatory)
        {
            if (!message.Headers.Contains(header))
            {
                SipParseError.BadRequest($"Missing {HeaderNames.GetName(header)} header field");
            }
        }
    }

    private static void CheckNonEmptyLists(SipMessage message)
    {
        foreach (var field in message.Headers)
        {
            if (Array.IndexOf(NonEmptyLists, field.Id) >= 0 && HeaderValueList.IsEmptyList(field.Value))
            {
                SipParseError.BadRequest($"Empty {field.Name} header field");
            }
        }
    }

    /// <summary>Every header the server understands must parse; unknown headers are carried as they are.</summary>
    private static void CheckHeaderSyntax(SipMessage message)
    {
        if (message.Vias.Count == 0)
        {
            SipParseError.BadRequest("Empty Via header field");
        }

        _ = message.From;
        _ = message.To;
        _ = message.CSeq;
        _ = message.MaxForwards;
        _ = message.Contacts;
        _ = message.Expires;
        _ = message.MinExpires;
        _ = message.Event;
        _ = message.SubscriptionState;
        _ = message.ContentType;
        _ = message.Accept;
        _ = message.AllowEvents;
        _ = message.Allow;
        _ = message.Require;
        _ = message.ProxyRequire;
        _ = message.Supported;
        _ = message.Unsupported;
        _ = message.Routes;
        _ = message.RecordRoutes;
        _ = message.Path;
        _ = message.SipETag;
        _ = message.SipIfMatch;
        _ = message.WwwAuthenticate;
        _ = message.ProxyAuthenticate;
        _ = message.Authorization;
        _ = message.ProxyAuthorization;

        CheckCallId(message.CallId!);
        if (message.Headers.GetFirstValue(KnownHeader.Date) is { } date)
        {
            CheckDate(date);
        }

        if (message.Contacts is { Count: > 1 } contacts && contacts.Any(c => c.IsWildcard))
        {
            // RFC 3261 section 10.3 step 6 / 20.10: "*" stands alone.
            SipParseError.BadRequest("Invalid Contact header: * must be the only Contact");
        }
    }

    private static void CheckRequestUri(SipRequest request)
    {
        var uri = request.RequestUri;

        // RFC 3261 section 19.1.1 (table) / RFC 4475 section 3.1.2.11: no headers in a Request-URI.
        if (uri.IsSip && uri.Headers.Count > 0)
        {
            SipParseError.BadRequest("Invalid Request-URI: headers are not allowed in a Request-URI");
        }
    }

    // callid = word [ "@" word ] (RFC 3261 section 25.1)
    private static void CheckCallId(string callId)
    {
        var at = callId.IndexOf('@', StringComparison.Ordinal);
        var ok = at < 0
            ? IsWord(callId)
            : IsWord(callId.AsSpan(0, at)) && IsWord(callId.AsSpan(at + 1));
        if (!ok)
        {
            SipParseError.BadRequest("Invalid Call-ID header");
        }
    }

    private static bool IsWord(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty)
        {
            return false;
        }

        foreach (var c in word)
        {
            if (!(SipToken.IsToken(c) || c is '(' or ')' or '<' or '>' or ':' or '\\' or '"' or '/' or '[' or ']' or '?' or '{' or '}'))
            {
                return false;
            }
        }

        return true;
    }

    // SIP-date = rfc1123-date, always in GMT (RFC 3261 section 20.17, RFC 4475 section 3.1.2.12).
    private static void CheckDate(string date)
    {
        if (!DateTime.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _))
        {
            SipParseError.BadRequest("Invalid Date header: not an RFC 1123 date in GMT");
        }
    }
}
