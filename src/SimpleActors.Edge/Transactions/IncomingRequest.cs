namespace SimpleActors.Edge.Transactions;

/// <summary>What <see cref="TransactionLayer.Receive"/> did with a request, and what is left for the caller.</summary>
public enum IncomingRequest
{
    /// <summary>A new server transaction: the TU handles the request and answers with <see cref="TransactionLayer.RespondAsync"/>.</summary>
    New,

    /// <summary>A retransmission, absorbed: the layer resent the last response, if there was one (RFC 3261 section 17.2).</summary>
    Retransmission,

    /// <summary>The ACK of a 300-699 response, absorbed by its INVITE server transaction (RFC 3261 section 17.2.1).</summary>
    AckAbsorbed,

    /// <summary>
    /// An ACK that matches no server transaction: the ACK of a 2xx, which belongs to the TU (RFC 3261 section
    /// 17.2.1, 13.3.1.4), or one to forward statelessly. It gets no response.
    /// </summary>
    AckForTransactionUser,

    /// <summary>A merged request (RFC 3261 section 8.2.2.2): the layer answered 482 Loop Detected itself.</summary>
    Merged,
}
