namespace SimpleActors.Sip.Sdp;

/// <summary>Whether, and how, a peer takes a message of some type (RFC 4975 section 8.6).</summary>
public enum MessageAcceptance
{
    /// <summary>Outside both of the peer's lists: do not send it (the peer would answer 415, RFC 4975 section 7.3.1).</summary>
    NotAccepted,

    /// <summary>The type is in the peer's <c>accept-types</c>: send it as it is.</summary>
    Direct,

    /// <summary>
    /// Only inside message/cpim: the peer lists message/cpim in <c>accept-types</c> and the type in
    /// <c>accept-wrapped-types</c> only.
    /// </summary>
    WrappedInCpim,
}
