namespace SimpleActors.Sip.Transactions;

/// <summary>The states of the four transaction machines (RFC 3261 figures 5 to 8).</summary>
public enum TransactionState
{
    /// <summary>INVITE client: request sent, no response yet.</summary>
    Calling,

    /// <summary>Non-INVITE client and server: request sent or received, no response yet.</summary>
    Trying,

    /// <summary>A provisional response was received or sent.</summary>
    Proceeding,

    /// <summary>A final (non-2xx for INVITE) response was received or sent; absorbing retransmissions.</summary>
    Completed,

    /// <summary>INVITE server: the ACK arrived; absorbing ACK retransmissions.</summary>
    Confirmed,

    /// <summary>
    /// INVITE client and server after a 2xx (RFC 6026 section 7.1 and 7.2): the 2xx and its retransmissions pass
    /// through to the TU (client) or to the transport (server) until Timer M / Timer L; the ACK of the 2xx is the
    /// TU's.
    /// </summary>
    Accepted,

    /// <summary>Done; the transaction can be forgotten.</summary>
    Terminated,
}
