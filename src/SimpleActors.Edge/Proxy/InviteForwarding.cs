using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Proxy;

/// <summary>The decisions of a stateful proxy forwarding an INVITE (RFC 3261 sections 16.6 and 16.7).</summary>
public static class InviteForwarding
{
    /// <summary>
    /// The INVITE for one target (section 16.6): <see cref="ForwardedRequest.Create"/> (Request-URI, Max-Forwards,
    /// Route from the Path, our Via) and, for a request that makes a dialog, our Record-Route values on top (step 4).
    /// </summary>
    public static SipRequest Create(SipRequest invite, ProxyTarget target, ViaHeader ourVia, IReadOnlyList<string> recordRoute)
    {
        ArgumentNullException.ThrowIfNull(target);
        var forwarded = ForwardedRequest.Create(invite, target.Uri, target.Routes, ourVia);
        return recordRoute.Count == 0 ? forwarded : RecordRoute.Insert(forwarded, recordRoute);
    }

    /// <summary>What to do with a branch's response, given whether a final response has gone upstream already (section 16.7).</summary>
    public static BranchVerdict Judge(SipResponse response, bool finalSent)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.StatusCode switch
        {
            // Step 3 and 5: 100 Trying is hop by hop; other provisional responses go up while no final one has.
            100 => BranchVerdict.Drop,
            < 200 => finalSent ? BranchVerdict.Drop : BranchVerdict.Forward,

            // Step 5: every 2xx goes up, the first one also ends the other branches (step 10).
            < 300 => finalSent ? BranchVerdict.Forward : BranchVerdict.ForwardAndCancelOthers,

            // Step 5: after a final response, no other non-2xx goes up.
            _ when finalSent => BranchVerdict.Drop,

            // Step 10: a 6xx ends the other branches; step 6 picks the best when all have ended.
            >= 600 => BranchVerdict.KeepAndCancelOthers,
            _ => BranchVerdict.Keep,
        };
    }

    /// <summary>
    /// The final response the proxy sends upstream when every branch has ended without a 2xx (section 16.7 step 6):
    /// null when the caller cancelled (the proxy answers 487 itself, section 16.10) or nothing was kept, else the best
    /// of the kept responses, those a user agent sent before those this node made up. A response this node made up for a branch (Timer B or C, a transport error: section
    /// 16.7 step 2 and 16.8 treat it as a 408 or 503 of that branch) is answered by the proxy itself.
    /// </summary>
    public static SipResponse? Best(IReadOnlyList<SipResponse> kept, bool cancelled)
    {
        ArgumentNullException.ThrowIfNull(kept);
        if (cancelled || kept.Count == 0)
        {
            return null;
        }

        // Answers from user agents first: a 486 from the phone says more than our 408 for a contact that is gone.
        var answered = kept.Where(r => !r.IsLocal).ToList();
        return ResponseSelection.Best(answered.Count > 0 ? answered : kept);
    }
}
