using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Routing;

/// <summary>Where a new request goes, as decided by <see cref="SipRouter"/>.</summary>
public abstract record RouteDecision
{
    private RouteDecision()
    {
    }

    /// <summary>Answer at once with a final response; <paramref name="Headers"/> are added to it (Allow, Unsupported ...).</summary>
    public sealed record Reply(int StatusCode, string? Reason = null, IReadOnlyList<HeaderField>? Headers = null) : RouteDecision;

    /// <summary>A REGISTER for the address-of-record (RFC 3261 section 10.3 steps 1-3 passed).</summary>
    public sealed record Registrar(string Aor) : RouteDecision;

    /// <summary>A request for a user of ours, to be delivered at the user's registered contacts (MESSAGE).</summary>
    public sealed record UserLocation(string Aor) : RouteDecision;

    /// <summary>A PUBLISH of presence state for a presentity of ours (RFC 3903 section 6 step 1, RFC 3856).</summary>
    public sealed record Presentity(string Aor) : RouteDecision;

    /// <summary>
    /// An initial SUBSCRIBE to the presence (RFC 3856) or the watcher information (RFC 3857) of a presentity of ours
    /// (RFC 6665 section 4.2.1); <paramref name="Package"/> is one of <see cref="Engine.Subscription.EventPackages"/>.
    /// </summary>
    public sealed record Subscription(string Aor, string Package) : RouteDecision;

    /// <summary>A SUBSCRIBE inside a subscription's dialog: the To-tag is the subscription's id (refresh or removal).</summary>
    public sealed record InDialogSubscription(string SubscriptionId, string Package) : RouteDecision;

    /// <summary>
    /// A NOTIFY of one of our back-end subscriptions (RFC 4662 section 4.2): its To-tag is our From-tag, which names the
    /// list subscription (<see cref="Engine.Rls.BackendTag"/>).
    /// </summary>
    public sealed record BackendNotify(string SubscriptionId) : RouteDecision;

    /// <summary>
    /// An initial SUBSCRIBE to a resource list (RFC 4662 section 4): a service of <paramref name="Owner"/>'s rls-services
    /// document (RFC 4826), or, with no owner, the request-contained list in its body (RFC 5367).
    /// </summary>
    public sealed record ListSubscription(string Uri, string Package, string? Owner) : RouteDecision;

    /// <summary>
    /// An INVITE for a user of ours: the stateful proxy forks it to the user's contacts with Record-Route (RFC 3261
    /// section 16, Max-Forwards checked, section 16.3 item 2).
    /// </summary>
    public sealed record Proxy(string Aor) : RouteDecision;

    /// <summary>
    /// A request inside a dialog whose top Route values name us (RFC 3261 section 16.4): those removed, it goes on to
    /// the first of <paramref name="Routes"/>, else to its Request-URI (16.6 step 7). ACK for a 2xx is forwarded
    /// statelessly (16.11), every other method statefully.
    /// </summary>
    public sealed record LooseRoute(IReadOnlyList<string> Routes) : RouteDecision;

    /// <summary>
    /// A request inside a dialog whose top Route names us but carries no valid <see cref="Edge.Proxy.RecordRouteSignature"/>:
    /// not a dialog we record-routed, so it is not forwarded (403, RFC 3261 section 21.4.3; an ACK is dropped).
    /// </summary>
    public sealed record UnsignedRoute : RouteDecision;

    /// <summary>A CANCEL: the proxy cancels the INVITE it is forwarding (RFC 3261 section 16.10), else 481 (section 9.2).</summary>
    public sealed record Cancel : RouteDecision;

    /// <summary>
    /// An initial INVITE to a Request-URI a UAS usage serves (<see cref="RoutingContext.IsInviteUsageTarget"/>): this node
    /// answers it as a UAS (RFC 3261 section 13.3), not the proxy.
    /// </summary>
    public sealed record InviteUsage : RouteDecision;

    /// <summary>
    /// A request inside one of our UAS INVITE sessions (its To tag, <paramref name="LocalTag"/>, is the session's, RFC 3261
    /// section 12.2.2): a re-INVITE, ACK, BYE, CANCEL or another method, for the UAS core.
    /// </summary>
    public sealed record InviteSessionRequest(string LocalTag) : RouteDecision;

    /// <summary>A CANCEL whose Request-URI a UAS usage serves: the CANCEL of an initial INVITE the UAS core holds (RFC 3261 section 9.2).</summary>
    public sealed record InviteUsageCancel : RouteDecision;

    /// <summary>No reply at all (a stray ACK, RFC 3261 section 17.2.3 / 13.3.1.4).</summary>
    public sealed record Absorb : RouteDecision;
}
