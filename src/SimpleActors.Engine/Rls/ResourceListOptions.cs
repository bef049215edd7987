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

    /// <summary>The served domains (set from the node's configuration, not from this section): their resources are watched inside the cluster.</summary>
    public IReadOnlyCollection<string> Domains { get; set; } = [];

    /// <summary>Whether a resource URI is a presentity of a served domain.</summary>
    public bool IsLocal(string uri) =>
        Sip.Message.SipUri.TryParse(uri, out var parsed) && parsed.IsSip && parsed.User is not null
        && (Domains.Count == 0 || Domains.Contains(parsed.Host, StringComparer.OrdinalIgnoreCase));
}
