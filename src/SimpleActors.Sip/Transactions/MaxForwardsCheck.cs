using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Transactions;

/// <summary>Loop protection by Max-Forwards (RFC 3261 sections 8.1.1.6, 16.3 item 2, 16.6 item 3).</summary>
public static class MaxForwardsCheck
{
    /// <summary>The value a request without Max-Forwards is treated as (section 8.1.1.6, RFC 4475 section 3.4.1).</summary>
    public const int Default = 70;

    /// <summary>
    /// The verdict for a request. Only forwarding looks at the value: a request with Max-Forwards 0 that this
    /// server would forward is refused with 483, except OPTIONS, which the server may answer itself (section
    /// 16.3 item 2, section 11). A request addressed to this server is handled whatever its Max-Forwards
    /// (RFC 4475 section 3.3.11: an endpoint processes it as if the value were positive).
    /// </summary>
    public static MaxForwardsVerdict Check(SipRequest request, bool forwarding)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!forwarding || request.MaxForwards is not 0)
        {
            return MaxForwardsVerdict.Proceed;
        }

        return request.Method == SipMethod.Options ? MaxForwardsVerdict.AnswerLocally : MaxForwardsVerdict.TooManyHops;
    }

    /// <summary>The Max-Forwards a forwarded copy carries: one less, 70 - 1 when it had none (section 16.6 item 3).</summary>
    public static int Forwarded(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Math.Max(0, (request.MaxForwards ?? Default) - 1);
    }
}
