namespace SimpleActors.Sip.Sdp;

/// <summary>Which end of an offer/answer opens the MSRP connection.</summary>
public enum ConnectionOpener
{
    /// <summary>The offerer connects (RFC 4975 section 5.4's default; answer passive under RFC 6135).</summary>
    Offerer,

    /// <summary>The answerer connects (RFC 6135: offer actpass or passive, answer active).</summary>
    Answerer,

    /// <summary>Neither, for now: holdconn (RFC 4145 section 4).</summary>
    Nobody,
}
