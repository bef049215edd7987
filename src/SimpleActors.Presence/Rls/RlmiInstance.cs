namespace SimpleActors.Presence.Rls;

/// <summary>
/// One back-end subscription of a resource (RFC 4662 section 5.4); a forked subscription gives a resource several.
/// </summary>
/// <param name="Id">Unique within its resource, and stable across the notifications of a subscription.</param>
/// <param name="State">active, pending or terminated.</param>
/// <param name="Reason">For a terminated instance, a Subscription-State reason (rejected, timeout, deactivated, ...), else usually null.</param>
/// <param name="Cid">The Content-ID, without angle brackets, of the body part holding this instance's latest state; null when
/// the notification carries no state for it (RFC 4662 section 5.4).</param>
public sealed record RlmiInstance(string Id, RlmiInstanceState State, string? Reason = null, string? Cid = null);
