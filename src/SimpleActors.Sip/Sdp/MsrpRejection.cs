namespace SimpleActors.Sip.Sdp;

/// <summary>
/// An MSRP offer refused: why, in words fit for a log or a SIP Warning header. A SIP server answers an INVITE none of
/// whose streams it can take with <see cref="SipStatusCode"/> 488 Not Acceptable Here (RFC 3261 section 21.4.26; RFC
/// 3264 section 6), with a Warning carrying <see cref="WarningCode"/> (RFC 3261 section 20.43). 415 is not used: in
/// SIP it is about the body's Content-Type (application/sdp), not about what the SDP offers.
/// </summary>
public sealed record MsrpRejection(MsrpRejectionReason Reason, string Detail)
{
    /// <summary>488 Not Acceptable Here.</summary>
    public static int SipStatusCode => 488;

    /// <summary>The RFC 3261 section 20.43 warn-code that fits the reason.</summary>
    public int WarningCode => Reason switch
    {
        MsrpRejectionReason.NotMsrp => 304, // Media type not available
        MsrpRejectionReason.TransportMismatch => 302, // Incompatible transport protocol
        MsrpRejectionReason.NoCommonMediaType => 305, // Incompatible media format
        MsrpRejectionReason.StreamRemoved => 304, // Media type not available
        _ => 306, // Attribute not understood
    };
}
