using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Transactions;

/// <summary>The ACK an INVITE client transaction sends for a 300-699 response (RFC 3261 section 17.1.1.3).</summary>
public static class NonSuccessAck
{
    /// <summary>
    /// Request-URI, Call-ID, From and the top Via (so the same branch) of the INVITE; To of the response (with
    /// its tag); the INVITE's CSeq number with method ACK; the INVITE's Route rows; no body. Max-Forwards is
    /// the INVITE's (the ACK takes the same hop), 70 if it had none (section 8.1.1.6).
    /// </summary>
    public static SipRequest Create(SipRequest invite, SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(response);
        var topVia = invite.TopVia ?? throw new ArgumentException("The INVITE has no Via", nameof(invite));
        var cseq = invite.CSeq ?? throw new ArgumentException("The INVITE has no CSeq", nameof(invite));
        var to = response.Headers.GetFirstValue(KnownHeader.To) ?? invite.Headers.GetFirstValue(KnownHeader.To)
            ?? throw new ArgumentException("Neither the response nor the INVITE has a To", nameof(response));

        var headers = new HeaderCollection();
        headers.Add(KnownHeader.Via, topVia.ToString());
        foreach (var route in invite.Headers.GetValues(KnownHeader.Route))
        {
            headers.Add(KnownHeader.Route, route);
        }

        headers.Add(KnownHeader.MaxForwards, (invite.MaxForwards ?? 70).ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.Add(KnownHeader.From, invite.Headers.GetFirstValue(KnownHeader.From) ?? string.Empty);
        headers.Add(KnownHeader.To, to);
        headers.Add(KnownHeader.CallId, invite.CallId ?? string.Empty);
        headers.Add(KnownHeader.CSeq, new CSeqHeader(cseq.Number, SipMethod.Ack).ToString());
        return new SipRequest(SipMethod.Ack, invite.RequestUriText, headers);
    }
}
