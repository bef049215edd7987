namespace SimpleActors.Engine.Subscription;

/// <summary>The state of a subscription as Subscription-State names it (RFC 6665 section 8.2.3).</summary>
public enum SubscriptionStatus
{
    Pending = 0,
    Active = 1,
    Terminated = 2,
}
