namespace SimpleActors.Presence.Rules;

/// <summary>
/// The <c>sub-handling</c> action (RFC 5025 section 3.2.1): what the server does with a subscription.
/// The numeric values are the RFC's; across matching rules the largest wins (RFC 4745 section 10).
/// </summary>
public enum SubHandling
{
    /// <summary>Reject the subscription (or end it); the watcher learns it was refused.</summary>
    Block = 0,

    /// <summary>Keep the subscription pending and ask the presentity (watcherinfo, RFC 3857).</summary>
    Confirm = 10,

    /// <summary>Accept the subscription but send presence that reveals nothing.</summary>
    PoliteBlock = 20,

    /// <summary>Accept the subscription and send the presence the transformations allow.</summary>
    Allow = 30,
}
