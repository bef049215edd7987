namespace SimpleActors.Sip.Parsing;

/// <summary>What <see cref="SipParser.TryReadFrame"/> found at the front of a stream.</summary>
public enum SipFrame
{
    /// <summary>Not a whole message yet; nothing was consumed but ignorable CRLFs.</summary>
    Incomplete,

    /// <summary>A whole message was parsed and consumed.</summary>
    Message,

    /// <summary>A CRLFCRLF keep-alive ping was consumed; answer it with CRLF (RFC 5626 section 3.5.1).</summary>
    KeepAlivePing,
}
