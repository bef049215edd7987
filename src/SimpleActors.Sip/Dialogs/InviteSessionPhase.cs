namespace SimpleActors.Sip.Dialogs;

/// <summary>Where an <see cref="InviteSession"/> (UAS side) stands.</summary>
public enum InviteSessionPhase
{
    /// <summary>An INVITE (the first, or a re-INVITE) waits for our final response.</summary>
    Offered,

    /// <summary>We answered 2xx and retransmit it until the ACK comes (RFC 3261 section 13.3.1.4).</summary>
    Accepted,

    /// <summary>The ACK came: the session is up.</summary>
    Confirmed,

    /// <summary>Rejected, cancelled, or ended by BYE (ours or the peer's).</summary>
    Terminated,
}
