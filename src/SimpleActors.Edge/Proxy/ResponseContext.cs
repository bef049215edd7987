using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Proxy;

/// <summary>
/// The response context of one proxied INVITE (RFC 3261 section 16.7): the request as received, its branches, and
/// whether a final response has gone upstream or the caller cancelled. Its lock guards these and the branches' fields.
/// </summary>
internal sealed class ResponseContext(SipRequest request)
{
    public Lock Gate { get; } = new();

    /// <summary>The INVITE as it came in; responses go upstream through its server transaction.</summary>
    public SipRequest Request { get; } = request;

    public List<ProxyBranch> Branches { get; } = [];

    /// <summary>A 2xx (or the final response chosen, section 16.7 step 6) was sent upstream.</summary>
    public bool FinalSent { get; set; }

    /// <summary>The caller sent CANCEL (section 16.10): the answer, without a 2xx, is 487.</summary>
    public bool Cancelled { get; set; }
}
