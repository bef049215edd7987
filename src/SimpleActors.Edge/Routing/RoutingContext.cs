using System.Collections.Frozen;

namespace SimpleActors.Edge.Routing;

/// <summary>What the router knows of this server: the domains it serves and the addresses it answers on.</summary>
public sealed class RoutingContext
{
    /// <param name="localPorts">The ports this node listens on: a Route naming one of our addresses names us only at one
    /// of them (another server may share the address); empty means any port.</param>
    /// <param name="recordRoute">The mark of the dialogs the cluster record-routes; null: a random key, for this process alone.</param>
    public RoutingContext(
        IEnumerable<string> domains, IEnumerable<string> localHosts, Func<string, bool> isKnownUser, IEnumerable<int>? localPorts = null,
        Proxy.RecordRouteSignature? recordRoute = null, Func<Sip.Message.SipUri, bool>? isInviteUsageTarget = null,
        Func<string, bool>? isInviteSession = null)
    {
        IsInviteUsageTarget = isInviteUsageTarget ?? (_ => false);
        IsInviteSession = isInviteSession ?? (_ => false);
        RecordRoute = recordRoute ?? Proxy.RecordRouteSignature.WithRandomKey();
        Domains = domains.Select(d => d.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);
        LocalHosts = localHosts.Select(h => h.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);
        IsKnownUser = isKnownUser;
        LocalPorts = (localPorts ?? []).ToFrozenSet();
    }

    /// <summary>
    /// The mark our Record-Route values carry and the Route of a request must carry to be forwarded (RFC 3261 section
    /// 16.4: only the dialogs we record-routed), keyed alike on every node.
    /// </summary>
    public Proxy.RecordRouteSignature RecordRoute { get; }

    /// <summary>The ports this node listens on (empty: not known, any port counts).</summary>
    public FrozenSet<int> LocalPorts { get; }

    /// <summary>The SIP domains served (lower case).</summary>
    public FrozenSet<string> Domains { get; }

    /// <summary>This node's own addresses (a request to one of them counts as ours), lower case, IPv6 in brackets.</summary>
    public FrozenSet<string> LocalHosts { get; }

    /// <summary>The XCAP root's path (e.g. <c>/xcap-root</c>) when this node serves XCAP, for xcap-diff subscriptions; else null.</summary>
    public string? XcapRoot { get; init; }

    /// <summary>
    /// The owner (AOR) of the resource-list service (RFC 4826 section 4) a canonical URI names, or null when it names
    /// none: the node's copy of the replicated directory (<see cref="Engine.Rls.ListServiceOwners"/>); no lists by default.
    /// </summary>
    public Func<string, string?> ListServiceOwner { get; init; } = static _ => null;

    /// <summary>
    /// Brings the copy <see cref="ListServiceOwner"/> reads up to date with the node's replicator (a service granted a
    /// moment ago may not have reached it yet; <see cref="Engine.Rls.ListServiceOwnersActor"/>); null: nothing to refresh.
    /// </summary>
    public Func<Task>? RefreshListServices { get; init; }

    /// <summary>The user part of every served domain's URI for request-contained lists (RFC 5367: <c>sip:rls@domain</c>); null: none.</summary>
    public string? ListCreationUser { get; init; }

    /// <summary>Whether an AOR (<c>sip:user@domain</c>) is a user of ours.</summary>
    public Func<string, bool> IsKnownUser { get; }

    /// <summary>
    /// Whether a UAS usage answers INVITEs to this Request-URI (<see cref="Dialogs.InviteUas.Serves"/>, a chat room
    /// later); never, on a node without usages.
    /// </summary>
    public Func<Sip.Message.SipUri, bool> IsInviteUsageTarget { get; }

    /// <summary>Whether a To tag is one of this node's UAS INVITE sessions (<see cref="Dialogs.InviteUas.Holds"/>).</summary>
    public Func<string, bool> IsInviteSession { get; }

    /// <summary>The methods this server handles (RFC 3261 section 20.5's Allow).</summary>
    public static readonly IReadOnlyList<string> AllowedMethods = ["REGISTER", "MESSAGE", "PUBLISH", "SUBSCRIBE", "OPTIONS", "INVITE", "ACK", "CANCEL", "BYE"];

    /// <summary>The option tags this server supports (RFC 3261 section 20.37's Supported).</summary>
    public static readonly IReadOnlyList<string> SupportedExtensions = ["path", "outbound", "eventlist", "recipient-list-subscribe"];

    /// <summary>The body types this server accepts (RFC 3261 section 20.1's Accept).</summary>
    public static readonly IReadOnlyList<string> AcceptedTypes =
        ["text/plain", "message/cpim", "application/im-iscomposing+xml", PresenceDocumentType, PartialPresenceDocumentType];

    /// <summary>The presence document format every presence request must support (RFC 3856 section 6.6, RFC 3863).</summary>
    public const string PresenceDocumentType = "application/pidf+xml";

    /// <summary>Partial presence (RFC 5262): PUBLISH bodies (RFC 5264) and the NOTIFYs of watchers who accept it (RFC 5263).</summary>
    public const string PartialPresenceDocumentType = SimpleActors.Presence.PidfDiff.PidfDiff.ContentType;

    /// <summary>The body types of PUBLISH (RFC 5264 section 5: the 415 of a PUBLISH lists both).</summary>
    public static readonly string PublishTypes = PresenceDocumentType + ", " + PartialPresenceDocumentType;

    /// <summary>The watcher information format (RFC 3858) every presence.winfo SUBSCRIBE must accept (RFC 3857 section 5.5).</summary>
    public const string WatcherInfoDocumentType = "application/watcherinfo+xml";

    /// <summary>The event packages SUBSCRIBE serves (RFC 6665 section 8.2.2's Allow-Events).</summary>
    public static readonly IReadOnlyList<string> EventPackages = Engine.Subscription.EventPackages.Subscribable;

    /// <summary>The event packages PUBLISH serves (RFC 3903 section 6 step 2): state is published for presence only.</summary>
    public static readonly IReadOnlyList<string> PublishPackages = [Engine.Subscription.EventPackages.Presence];

    /// <summary>
    /// Methods the server knows of but does not handle addressed to itself: 405 with Allow, not 501 (RFC 3261 section
    /// 8.2.1). Inside a dialog it record-routed they are proxied like any method (section 16.4).
    /// </summary>
    public static readonly IReadOnlyList<string> KnownMethods = ["PRACK", "UPDATE", "INFO", "REFER", "NOTIFY"];

    /// <summary>True if the host is one of our domains or our own address.</summary>
    public bool IsOurs(string host) => Domains.Contains(host) || LocalHosts.Contains(host);

    /// <summary>
    /// True if a URI names this server itself (a Route value, RFC 3261 section 16.4): one of our domains (no user part), or one of our
    /// addresses at one of our ports (5060 or 5061 when it names none, section 19.1.2).
    /// </summary>
    public bool IsThisServer(Sip.Message.SipUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var host = uri.Host.ToLowerInvariant();
        return (uri.User is null && Domains.Contains(host)) || LocalHosts.Contains(host) && (LocalPorts.Count == 0 || LocalPorts.Contains(uri.Port ?? (uri.IsSecure ? 5061 : 5060)));
    }
}
