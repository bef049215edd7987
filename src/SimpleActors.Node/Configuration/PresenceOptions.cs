using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Subscription;

namespace SimpleActors.Node.Configuration;

/// <summary>The <c>Presence</c> section: how the presence service runs (RFC 3856, RFC 3903).</summary>
public sealed class PresenceOptions
{
    /// <summary>Expiry limits of PUBLISH (RFC 3903 section 6 steps 2-3).</summary>
    public PublicationOptions Publication { get; set; } = new();

    /// <summary>Expiry limits and the default authorization policy of SUBSCRIBE (RFC 6665 section 4.2.1.1).</summary>
    public SubscriptionOptions Subscription { get; set; } = new();
}
