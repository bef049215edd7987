using System.Globalization;
using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Dialogs;

/// <summary>
/// A request the server originates, as data: what an entity hands the edge (RFC 3261 section 8.1.1's fields but the
/// Via, Max-Forwards and Contact, which the edge that sends it adds). Built by <see cref="Dialog.MakeRequest"/>, turned
/// into a <see cref="SipRequest"/> once by <see cref="ToSipRequest"/>, never parsed: our own requests are not bound by
/// the limits meant for what we receive.
/// </summary>
/// <param name="Routes">The Route header field values, in order (name-addr).</param>
/// <param name="From">The From header field value, with our tag.</param>
/// <param name="To">The To header field value, with the peer's tag in a dialog.</param>
/// <param name="Headers">Further header fields, in order (Event, Subscription-State, ...).</param>
/// <param name="ContentType">The body's type; null without a body.</param>
public sealed record OutgoingRequest(
    string Method,
    string RequestUri,
    IReadOnlyList<string> Routes,
    string From,
    string To,
    string CallId,
    uint CSeq,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? ContentType,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>The initial Max-Forwards of a request we originate (RFC 3261 section 8.1.1.6).</summary>
    public const int MaxForwards = 70;

    /// <summary>
    /// The request, headers in the order RFC 3261 section 7.3.1 recommends for proxies to find them fast: Route,
    /// Max-Forwards, To, From, Call-ID, CSeq, the others, Content-Type; the writer adds Content-Length. The edge inserts
    /// its Via first and adds a Contact where the method needs one.
    /// </summary>
    public SipRequest ToSipRequest()
    {
        var headers = new HeaderCollection();
        foreach (var route in Routes)
        {
            headers.Add(KnownHeader.Route, route);
        }

        headers.Add(KnownHeader.MaxForwards, MaxForwards.ToString(CultureInfo.InvariantCulture));
        headers.Add(KnownHeader.To, To);
        headers.Add(KnownHeader.From, From);
        headers.Add(KnownHeader.CallId, CallId);
        headers.Add(KnownHeader.CSeq, CSeq.ToString(CultureInfo.InvariantCulture) + " " + Method);
        foreach (var (name, value) in Headers)
        {
            headers.Add(name, value);
        }

        if (ContentType is not null && !Body.IsEmpty)
        {
            headers.Add(KnownHeader.ContentType, ContentType);
        }

        return new SipRequest(Method, RequestUri, headers, Body);
    }

    public bool Equals(OutgoingRequest? other) =>
        other is not null && Method == other.Method && RequestUri == other.RequestUri && Routes.SequenceEqual(other.Routes) && From == other.From
        && To == other.To && CallId == other.CallId && CSeq == other.CSeq && Headers.SequenceEqual(other.Headers) && ContentType == other.ContentType
        && Body.Span.SequenceEqual(other.Body.Span);

    public override int GetHashCode() => HashCode.Combine(Method, CallId, CSeq);
}
