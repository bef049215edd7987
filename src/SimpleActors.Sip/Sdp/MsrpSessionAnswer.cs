namespace SimpleActors.Sip.Sdp;

/// <summary>The answer to a whole offer (<see cref="MsrpOfferAnswer.AnswerSession"/>).</summary>
public abstract record MsrpSessionAnswer
{
    private MsrpSessionAnswer()
    {
    }

    /// <summary>
    /// The answer's description: one media description per offered one, in order (RFC 3264 section 6), the MSRP stream
    /// at <paramref name="MediaIndex"/> taken as <paramref name="Media"/>, every other one refused with port 0.
    /// </summary>
    public sealed record Accepted(SessionDescription Description, int MediaIndex, MsrpMedia Media) : MsrpSessionAnswer;

    /// <summary>No MSRP stream can be taken: answer the INVITE with <see cref="MsrpRejection.SipStatusCode"/>.</summary>
    public sealed record Rejected(MsrpRejection Rejection) : MsrpSessionAnswer;
}
