using SimpleActors.Sip.Transport;

namespace SimpleActors.Engine.Subscription;

/// <summary>
/// A SUBSCRIBE for the presence package (RFC 6665 section 4.2.1, RFC 3856) or its watcher information (RFC 3857): an initial one (it creates the dialog
/// whose To-tag is <see cref="SubscriptionId"/>) or one inside the dialog (refresh, or Expires 0 to end it).
/// The reply is a <see cref="SubscribeResult"/>, once the change is in the journal; the NOTIFY follows.
/// </summary>
/// <param name="SubscriptionId">Our To-tag: issued by the edge for an initial SUBSCRIBE, read from To for the others.</param>
/// <param name="Presentity">The Request-URI of the initial SUBSCRIBE as an AOR.</param>
/// <param name="EventId">The Event header's id parameter, if any (RFC 6665 section 8.2.1).</param>
/// <param name="Watcher">The From URI (the watcher).</param>
/// <param name="WatcherTag">The From tag.</param>
/// <param name="RemoteTarget">The Contact URI: where NOTIFYs go (RFC 3261 section 12.1.1).</param>
/// <param name="RouteSet">The Record-Route values, in order (section 12.1.1); empty without proxies.</param>
/// <param name="HeaderExpires">The Expires header field, if any.</param>
/// <param name="Initial">True for a SUBSCRIBE outside a dialog.</param>
/// <param name="Package">The Event header's package: <c>presence</c> or <c>presence.winfo</c> (<see cref="EventPackages"/>).</param>
public sealed record Subscribe(
    string SubscriptionId,
    string Presentity,
    string? EventId,
    string Watcher,
    string WatcherTag,
    string CallId,
    uint CSeq,
    string RemoteTarget,
    IReadOnlyList<string> RouteSet,
    SipFlow Flow,
    int? HeaderExpires,
    bool Initial,
    string? Identity,
    DateTimeOffset At,
    string Package = EventPackages.Presence) : ISubscriptionMessage
{
    /// <summary>The edge's second send of this command after its answer did not come (<c>EntityAsk</c>): if the first was applied, answer as then.</summary>
    public bool Repeat { get; init; }

    /// <summary>An xcap-diff subscription's documents (RFC 5875 section 4.2), from its SUBSCRIBE body; null for other packages.</summary>
    public WatchedDocuments? Documents { get; init; }

    /// <summary>The list a list subscription is to (RFC 4662 section 4); null for a subscription to one resource.</summary>
    public Rls.ListTarget? List { get; init; }

    /// <summary>The watcher's Accept lists <c>application/pidf-diff+xml</c>: partial notification (RFC 5263 section 3), presence only.</summary>
    public bool Partial { get; init; }
}

/// <summary>
/// The answer to a <see cref="Subscribe"/>: 200 (active) or 202 (pending) with the granted Expires (RFC 6665
/// section 4.2.1.1 allows 200 for both; 202 tells the watcher it waits), 423 with Min-Expires, 481 when the dialog is
/// unknown or ended, 500 when the request is older than the dialog (RFC 3261 section 12.2.2).
/// </summary>
public sealed record SubscribeResult(int StatusCode, string? Reason, int Expires, int? MinExpires) : Serialization.IEngineSerializable
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>The subscription is to a resource list: its 2xx carries <c>Require: eventlist</c> (RFC 4662 section 4.5).</summary>
    public bool EventList { get; init; }
}

/// <summary>
/// The presentity's state changed: the subscription notifies the watcher of <paramref name="Version"/> (RFC 3856 section
/// 6.7). <paramref name="Digest"/> is the document's <see cref="NotifyDigest"/>, computed once for the whole fan-out (null:
/// the subscription computes it).
/// </summary>
public sealed record PresenceChanged(string SubscriptionId, string Presentity, long Version, byte[] Document, string? Digest = null) : ISubscriptionMessage;

/// <summary>
/// The presentity's owner decided about this subscription's watcher (RFC 5025 section 3.2.1); <paramref name="Presentity"/>
/// names the presentity (a list subscription watches many).
/// </summary>
public sealed record ApplyAuthorization(string SubscriptionId, Presence.AuthorizationDecision Decision, DateTimeOffset At, string? Presentity = null)
    : ISubscriptionMessage;
