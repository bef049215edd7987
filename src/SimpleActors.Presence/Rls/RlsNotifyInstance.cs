namespace SimpleActors.Presence.Rls;

/// <summary>
/// What a list notification says about one back-end subscription of a resource (RFC 4662 section 5.4): its instance id,
/// state and reason, and, when its state is known, that state's body (e.g. a PIDF document, or a nested list's
/// multipart/related body) with its Content-Type value.
/// </summary>
/// <param name="Id">Unique within the resource and stable across notifications.</param>
/// <param name="State">The back-end subscription's state.</param>
/// <param name="Reason">For a terminated instance, the Subscription-State reason.</param>
/// <param name="Body">The instance's latest state, or null when none is available (e.g. pending): then no part and no cid.</param>
/// <param name="ContentType">The Content-Type value of <paramref name="Body"/>; given exactly when the body is.</param>
public sealed record RlsNotifyInstance(
    string Id, RlmiInstanceState State, string? Reason = null, byte[]? Body = null, string? ContentType = null);
