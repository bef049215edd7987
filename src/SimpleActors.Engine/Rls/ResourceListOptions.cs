namespace SimpleActors.Engine.Rls;

/// <summary>How resource-list subscriptions run (RFC 4662; the <c>Presence:Subscription:Lists</c> configuration).</summary>
public sealed class ResourceListOptions
{
    /// <summary>
    /// The largest NOTIFY body of a list subscription. A state that does not fit goes out over several NOTIFYs: the first
    /// lists every resource, the instances that did not fit follow (RFC 4662 section 5; docs/presence.md). Below a UDP
    /// datagram's 65,507 bytes with room for the headers.
    /// </summary>
    public int MaxNotifyBodyBytes { get; set; } = 60_000;

    /// <summary>The most resources one list may have, nested lists flattened (a larger one is refused: 403 or, at the edge, 413).</summary>
    public int MaxResources { get; set; } = 1_000;

    /// <summary>How long a new list subscription waits for its resources' first answers before its first NOTIFY (RFC 4662 section 4.3: full state first).</summary>
    public TimeSpan FirstNotifyWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The user part of each served domain's URI for request-contained lists (RFC 5367): <c>sip:rls@example.com</c>.</summary>
    public string ListCreationUser { get; set; } = "rls";

    /// <summary>
    /// Whether resources of other domains get back-end subscriptions (RFC 4662 section 4.2: the server subscribes to
    /// them itself); false lists them without state (as Kamailio's <c>disable_remote_presence</c>).
    /// </summary>
    public bool RemoteResources { get; set; } = true;

    /// <summary>The most back-end subscriptions one list subscription holds (as Kamailio's <c>max_backend_subs</c>); the resources past it are listed without state.</summary>
    public int MaxRemoteResources { get; set; } = 100;

    /// <summary>
    /// Where back-end SUBSCRIBEs go first (a SIP URI; the initial SUBSCRIBE carries <c>Route: &lt;proxy;lr&gt;</c>, RFC 3261
    /// section 8.1.2); null: to the resource's host (an IP address, or its A records with the default port).
    /// </summary>
    public string? OutboundProxy { get; set; }

    /// <summary>The Expires a back-end SUBSCRIBE asks for (RFC 6665 section 4.1.2.1); refreshed at 80 % of what the notifier grants.</summary>
    public int BackendExpires { get; set; } = 3600;

    /// <summary>A back-end refresh or an immediate retry is never sooner than this.</summary>
    public TimeSpan BackendFloor { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first wait before a failed or terminated back-end subscription is tried again; it doubles per failure up to <see cref="BackendRetryMax"/>.</summary>
    public TimeSpan BackendRetry { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two tries of a back-end subscription.</summary>
    public TimeSpan BackendRetryMax { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many failures in a row a back-end subscription takes before it stays terminated (the retries are bounded).</summary>
    public int BackendMaxFailures { get; set; } = 10;

    /// <summary>The served domains (set from the node's configuration, not from this section): their resources are watched inside the cluster.</summary>
    public IReadOnlyCollection<string> Domains { get; set; } = [];

    /// <summary>Whether a resource URI is a presentity of a served domain.</summary>
    public bool IsLocal(string uri) =>
        Sip.Message.SipUri.TryParse(uri, out var parsed) && parsed.IsSip && parsed.User is not null
        && (Domains.Count == 0 || Domains.Contains(parsed.Host, StringComparer.OrdinalIgnoreCase));
}
