using System.Collections.Immutable;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Dialogs;

/// <summary>
/// One side's state of a dialog (RFC 3261 section 12): the Call-ID, the local and remote URI and tag, the remote target,
/// the route set, both CSeqs and the secure flag, and the flow requests inside it go back over (RFC 5626, and RFC 7118's
/// WebSocket clients, whose Contact cannot be reached any other way). A value: every change makes a new one, so a usage
/// (a subscription, an INVITE session, a chat leg) keeps it in its state and journal as it keeps any other field.
/// </summary>
/// <param name="LocalCSeq">The CSeq of the last request we sent in the dialog; 0 while none was (section 12.1.1: empty).</param>
/// <param name="RemoteCSeq">The CSeq of the last request the peer sent; 0 while none was (section 12.1.2: empty).</param>
/// <param name="RouteSet">The route set, in the order requests go through it (section 12.1.1 and 12.1.2).</param>
/// <param name="Flow">The flow the dialog was created on; null when requests go by the remote target alone.</param>
public sealed record Dialog(
    string CallId,
    string LocalUri,
    string LocalTag,
    string RemoteUri,
    string RemoteTag,
    string RemoteTarget,
    ImmutableArray<string> RouteSet,
    uint LocalCSeq,
    uint RemoteCSeq,
    bool Secure,
    SipFlow? Flow)
{
    /// <summary>
    /// The dialog a UAS creates by answering <paramref name="request"/> with a 2xx carrying <paramref name="localTag"/>
    /// (section 12.1.1): the route set is the Record-Route in order, the remote target the Contact, the remote CSeq the
    /// request's, the remote URI and tag the From's, the local URI the To's. It is secure when the request came over TLS (or WSS)
    /// for a SIPS Request-URI.
    /// </summary>
    public static Dialog AsUas(SipRequest request, string localTag, SipFlow? flow)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(localTag);
        var from = request.From ?? throw new ArgumentException("A request without From creates no dialog.", nameof(request));
        var to = request.To ?? throw new ArgumentException("A request without To creates no dialog.", nameof(request));
        return new Dialog(
            request.CallId ?? throw new ArgumentException("A request without Call-ID creates no dialog.", nameof(request)),
            to.Uri.ToString(),
            localTag,
            from.Uri.ToString(),
            from.Tag ?? string.Empty,
            TargetOf(request) ?? string.Empty,
            [.. request.RecordRoutes.Select(r => r.ToString())],
            0,
            request.CSeq?.Number ?? 0,
            request.RequestUri.IsSecure && flow?.Transport.IsSecure() == true,
            flow);
    }

    /// <summary>
    /// The dialog a UAC's <paramref name="request"/> forms with a response that carries a To tag (section 12.1.2): the
    /// route set is the response's Record-Route in reverse order, the remote target its Contact, the local CSeq the
    /// request's, and it is secure when the Request-URI was a SIPS URI.
    /// </summary>
    public static Dialog AsUac(SipRequest request, SipResponse response, SipFlow? flow)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var from = request.From ?? throw new ArgumentException("A request without From creates no dialog.", nameof(request));
        var to = response.To ?? throw new ArgumentException("A response without To creates no dialog.", nameof(response));
        return new Dialog(
            request.CallId ?? throw new ArgumentException("A request without Call-ID creates no dialog.", nameof(request)),
            from.Uri.ToString(),
            from.Tag ?? string.Empty,
            to.Uri.ToString(),
            to.Tag ?? throw new ArgumentException("A response without a To tag creates no dialog.", nameof(response)),
            TargetOf(response) ?? request.RequestUriText,
            [.. response.RecordRoutes.Reverse().Select(r => r.ToString())],
            request.CSeq?.Number ?? 0,
            0,
            request.RequestUri.IsSecure,
            flow);
    }

    /// <summary>The methods whose requests and 2xx responses replace the remote target (section 12.2, RFC 6665 section 4.1.2.3 / 4.2.2.1: SUBSCRIBE and NOTIFY too).</summary>
    public static bool IsTargetRefresh(string method) => method is SipMethod.Invite or SipMethod.Update or SipMethod.Subscribe or SipMethod.Notify or SipMethod.Refer;

    /// <summary>
    /// Whether the peer's request fits the dialog's order (section 12.2.2): a CSeq lower than or equal to the last one is out of
    /// order and is answered 500 (an ACK or a CANCEL reuses its INVITE's and is not checked here); a higher one by any
    /// amount is accepted.
    /// </summary>
    public bool InOrder(uint cseq) => RemoteCSeq == 0 || cseq > RemoteCSeq;

    /// <summary>
    /// The dialog after the peer's request in it was accepted (section 12.2.2): its CSeq is the remote one, and a target
    /// refresh with a Contact moves the remote target. The flow becomes the one it came over when one is given.
    /// </summary>
    public Dialog Received(SipRequest request, SipFlow? flow = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = IsTargetRefresh(request.Method) ? TargetOf(request) : null;
        return this with
        {
            RemoteCSeq = request.CSeq?.Number ?? RemoteCSeq,
            RemoteTarget = target ?? RemoteTarget,
            Flow = flow ?? Flow,
        };
    }

    /// <summary>
    /// The next request we send in the dialog (section 12.2.1.1): From is our URI and tag, To the peer's, the Call-ID the
    /// dialog's, the CSeq one more than the last (or <paramref name="cseq"/> when the usage numbers its own, as a
    /// subscription reserving CSeqs does), the Request-URI and Route as the route set says (<see cref="DialogRoute"/>).
    /// Returns the dialog with the CSeq used.
    /// </summary>
    public (Dialog Dialog, OutgoingRequest Request) MakeRequest(
        string method, IReadOnlyList<KeyValuePair<string, string>>? headers = null, string? contentType = null, ReadOnlyMemory<byte> body = default,
        uint? cseq = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var number = cseq ?? LocalCSeq + 1;
        var (requestUri, routes) = DialogRoute.For(RemoteTarget, RouteSet);
        var request = new OutgoingRequest(
            method,
            requestUri,
            routes,
            NameAddressText(LocalUri, LocalTag),
            NameAddressText(RemoteUri, RemoteTag),
            CallId,
            number,
            headers ?? [],
            contentType,
            body);
        return (this with { LocalCSeq = Math.Max(LocalCSeq, number) }, request);
    }

    public bool Equals(Dialog? other) =>
        other is not null && CallId == other.CallId && LocalUri == other.LocalUri && LocalTag == other.LocalTag && RemoteUri == other.RemoteUri
        && RemoteTag == other.RemoteTag && RemoteTarget == other.RemoteTarget && RouteSet.SequenceEqual(other.RouteSet)
        && LocalCSeq == other.LocalCSeq && RemoteCSeq == other.RemoteCSeq && Secure == other.Secure && Equals(Flow, other.Flow);

    public override int GetHashCode() => HashCode.Combine(CallId, LocalTag, RemoteTag, LocalCSeq, RemoteCSeq);

    private static string? TargetOf(SipMessage message) => message.Contacts is [{ Address: { } contact }, ..] ? contact.Uri.ToString() : null;

    private static string NameAddressText(string uri, string tag) => tag.Length == 0 ? $"<{uri}>" : $"<{uri}>;tag={tag}";
}
