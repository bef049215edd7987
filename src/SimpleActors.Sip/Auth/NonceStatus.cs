namespace SimpleActors.Sip.Auth;

/// <summary>What <see cref="NonceIssuer.Check"/> finds out about a nonce a client sent back.</summary>
public enum NonceStatus
{
    /// <summary>Issued by a server holding our secret, for this realm, and within its lifetime.</summary>
    Valid,

    /// <summary>Authentic but past its lifetime: re-challenge with <c>stale=true</c> (RFC 7616 section 3.3).</summary>
    Stale,

    /// <summary>Not one of ours: malformed, forged, for another realm, or issued in the future.</summary>
    Invalid,
}
