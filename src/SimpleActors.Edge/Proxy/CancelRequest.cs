using System.Globalization;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Proxy;

/// <summary>The CANCEL a proxy sends down a pending INVITE branch (RFC 3261 sections 9.1 and 16.10).</summary>
public static class CancelRequest
{
    /// <summary>
    /// Section 9.1: the Request-URI, Call-ID, To, From and CSeq number of the INVITE, with method CANCEL; one Via,
    /// the INVITE's top one (so the same branch, matched to the INVITE's server transaction downstream); the INVITE's
    /// Route rows; no body.
    /// </summary>
    public static SipRequest For(SipRequest invite)
    {
        ArgumentNullException.ThrowIfNull(invite);
        var topVia = invite.TopVia ?? throw new ArgumentException("The INVITE has no Via", nameof(invite));
        var cseq = invite.CSeq ?? throw new ArgumentException("The INVITE has no CSeq", nameof(invite));
        var headers = new HeaderCollection();
        headers.Add(KnownHeader.Via, topVia.ToString());
        foreach (var route in invite.Headers.GetValues(KnownHeader.Route))
        {
            headers.Add(KnownHeader.Route, route);
        }

        headers.Add(KnownHeader.MaxForwards, (invite.MaxForwards ?? 70).ToString(CultureInfo.InvariantCulture));
        headers.Add(KnownHeader.From, invite.Headers.GetFirstValue(KnownHeader.From) ?? string.Empty);
        headers.Add(KnownHeader.To, invite.Headers.GetFirstValue(KnownHeader.To) ?? string.Empty);
        headers.Add(KnownHeader.CallId, invite.CallId ?? string.Empty);
        headers.Add(KnownHeader.CSeq, new CSeqHeader(cseq.Number, SipMethod.Cancel).ToString());
        return new SipRequest(SipMethod.Cancel, invite.RequestUriText, headers);
    }
}
