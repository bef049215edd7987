namespace SimpleActors.Sip.Transactions;

/// <summary>The transaction timers of RFC 3261 section 17 (table 4), plus the 100 Trying delay of section 17.2.1.</summary>
public enum TimerName
{
    /// <summary>INVITE client: request retransmission (section 17.1.1.2).</summary>
    A,

    /// <summary>INVITE client: transaction timeout (section 17.1.1.2).</summary>
    B,

    /// <summary>INVITE client: wait time for response retransmissions in Completed (section 17.1.1.2).</summary>
    D,

    /// <summary>Non-INVITE client: request retransmission (section 17.1.2.2).</summary>
    E,

    /// <summary>Non-INVITE client: transaction timeout (section 17.1.2.2).</summary>
    F,

    /// <summary>INVITE server: final response retransmission (section 17.2.1).</summary>
    G,

    /// <summary>INVITE server: wait time for ACK (section 17.2.1).</summary>
    H,

    /// <summary>INVITE server: wait time for ACK retransmissions in Confirmed (section 17.2.1).</summary>
    I,

    /// <summary>Non-INVITE server: wait time for request retransmissions in Completed (section 17.2.2).</summary>
    J,

    /// <summary>Non-INVITE client: wait time for response retransmissions in Completed (section 17.1.2.2).</summary>
    K,

    /// <summary>INVITE server: wait time in Accepted for 2xx retransmissions from the TU (RFC 6026 section 8.7, 64*T1).</summary>
    L,

    /// <summary>INVITE client: wait time in Accepted for 2xx retransmissions (RFC 6026 section 8.4, 64*T1).</summary>
    M,

    /// <summary>INVITE server: send 100 Trying if the TU has not answered in time (section 17.2.1, 200 ms).</summary>
    Trying,
}
