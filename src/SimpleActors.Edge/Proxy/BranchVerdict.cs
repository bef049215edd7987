namespace SimpleActors.Edge.Proxy;

/// <summary>What a forking proxy does with a response from one branch (RFC 3261 section 16.7), see <see cref="InviteForwarding.Judge"/>.</summary>
public enum BranchVerdict
{
    /// <summary>Not forwarded: a 100 Trying (hop by hop), or anything but a 2xx once a final response went upstream.</summary>
    Drop,

    /// <summary>Forwarded upstream at once: a provisional response, or a 2xx after the first (section 16.7 step 5).</summary>
    Forward,

    /// <summary>The first 2xx: forwarded at once, and every other pending branch cancelled (section 16.7 steps 5 and 10).</summary>
    ForwardAndCancelOthers,

    /// <summary>A 3xx-5xx final response: kept for the choice of the best one when every branch has ended (step 6).</summary>
    Keep,

    /// <summary>A 6xx: kept, and every other pending branch cancelled (section 16.7 step 10).</summary>
    KeepAndCancelOthers,
}
