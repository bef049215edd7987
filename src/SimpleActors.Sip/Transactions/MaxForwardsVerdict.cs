namespace SimpleActors.Sip.Transactions;

/// <summary>What to do with a request given its Max-Forwards (RFC 3261 section 16.3 item 2).</summary>
public enum MaxForwardsVerdict
{
    /// <summary>Handle or forward it as usual.</summary>
    Proceed,

    /// <summary>An OPTIONS with Max-Forwards 0 that was to be forwarded: answer it as its final recipient (section 11).</summary>
    AnswerLocally,

    /// <summary>Max-Forwards 0 on a request that was to be forwarded: answer 483 Too Many Hops.</summary>
    TooManyHops,
}
