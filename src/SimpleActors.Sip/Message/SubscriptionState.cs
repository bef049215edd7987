namespace SimpleActors.Sip.Message;

/// <summary>substate-value (RFC 6665 section 8.4); <see cref="Other"/> for an extension-substate.</summary>
public enum SubscriptionState
{
    Other = 0,
    Active,
    Pending,
    Terminated,
}
