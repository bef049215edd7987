namespace SimpleActors.Engine.Packages;

/// <summary>
/// What a NOTIFY carries: the body (null: none), the state version it is (journaled with the NOTIFY), and the body's
/// <see cref="Subscription.NotifyDigest"/> when it was computed once for a whole fan-out (null: compute it).
/// </summary>
public readonly record struct NotifyBody(byte[]? Content, long Version, string? Digest = null)
{
    /// <summary>The body's Content-Type when it is not the package's own (a list subscription's multipart/related with its boundary).</summary>
    public string? ContentType { get; init; }
}
