namespace SimpleActors.Engine.Subscription;

/// <summary>How subscriptions to presence run (RFC 6665, RFC 3856; the <c>Presence:Subscription</c> configuration).</summary>
public sealed class SubscriptionOptions
{
    /// <summary>The duration of a SUBSCRIBE without Expires (RFC 3856 section 6.4: 3600 s for presence).</summary>
    public int DefaultExpires { get; set; } = 3600;

    /// <summary>A shorter non-zero Expires gets 423 with Min-Expires (RFC 6665 section 4.2.1.1).</summary>
    public int MinExpires { get; set; } = 60;

    /// <summary>A longer Expires is lowered to this.</summary>
    public int MaxExpires { get; set; } = 86400;

    /// <summary>
    /// The least time between two NOTIFYs that report state changes to one watcher (RFC 6446 section 3.1); changes in
    /// between are coalesced into the next one. Zero sends every change as it comes (still one NOTIFY in flight).
    /// </summary>
    public TimeSpan MinNotifyInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a subscription with nothing to do stays in memory; then it sleeps (its actor stops, its state stays in
    /// the journal) and its presentity wakes it for the next change and at its expiry. Zero keeps every live
    /// subscription in memory.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How resource-list subscriptions run (RFC 4662).</summary>
    public Rls.ResourceListOptions Lists { get; set; } = new();

    /// <summary>Who may watch whom until a presentity's own rules say otherwise.</summary>
    public SubscriptionPolicy Policy { get; set; } = SubscriptionPolicy.AllowOwnDomain;
}

/// <summary>The default authorization of a watcher (RFC 5025 section 3.2.1 actions).</summary>
public enum SubscriptionPolicy
{
    /// <summary>Watchers in the presentity's domain are allowed, others wait (pending) for a decision.</summary>
    AllowOwnDomain = 0,

    /// <summary>Every watcher is allowed.</summary>
    AllowAll = 1,

    /// <summary>Every watcher waits (pending) until the presentity's owner decides.</summary>
    Pending = 2,
}
