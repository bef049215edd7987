namespace SimpleActors.Engine.Packages;

/// <summary>
/// What a NOTIFY carries: the body (null: none), the state version it is (journaled with the NOTIFY), the body's
/// <see cref="Subscription.NotifyDigest"/> when it was computed once for a whole fan-out (null: compute it), and its
/// Content-Type when it is not the package's own (null: <see cref="IEventPackage.ContentType"/>; a partial presence
/// subscription's bodies are <c>application/pidf-diff+xml</c>, RFC 5263 section 3).
/// </summary>
public readonly record struct NotifyBody(byte[]? Content, long Version, string? Digest = null, string? ContentType = null);
