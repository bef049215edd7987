namespace SimpleActors.Sip.Sdp;

/// <summary>The answer to one offered MSRP media description (<see cref="MsrpOfferAnswer.Answer(MsrpMedia, MsrpEndpointParameters)"/>).</summary>
public abstract record MsrpAnswer
{
    private MsrpAnswer()
    {
    }

    /// <summary>The stream is taken: <paramref name="Media"/> is the answer's media description.</summary>
    public sealed record Accepted(MsrpMedia Media) : MsrpAnswer;

    /// <summary>The stream is refused: answer it with port 0, or the whole offer with 488 when nothing else is taken.</summary>
    public sealed record Rejected(MsrpRejection Rejection) : MsrpAnswer;
}
