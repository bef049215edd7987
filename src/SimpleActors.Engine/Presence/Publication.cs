namespace SimpleActors.Engine.Presence;

/// <summary>
/// One publication of a presentity's state (RFC 3903 section 2): the event state one client published, with the
/// entity-tag that names its current version and the absolute time it expires. <see cref="Body"/> is the validated
/// document as received (PIDF). Call-ID, CSeq and identity are those of the PUBLISH that last set it.
/// </summary>
public sealed record Publication(
    string ETag,
    string ContentType,
    byte[] Body,
    DateTimeOffset PublishedAt,
    DateTimeOffset ExpiresAt,
    string CallId,
    uint CSeq,
    string? Identity)
{
    /// <summary>
    /// The version of the pidf-full or pidf-diff that last set it (RFC 5264 section 5: a pidf-diff must be the next one);
    /// null when it was published as plain PIDF.
    /// </summary>
    public uint? Version { get; init; }

    /// <summary>Whole seconds left at <paramref name="now"/>, at least 0.</summary>
    public int ExpiresIn(DateTimeOffset now) => (int)Math.Max(0, Math.Ceiling((ExpiresAt - now).TotalSeconds));

    public bool Equals(Publication? other) =>
        other is not null && ETag == other.ETag && ContentType == other.ContentType && Body.AsSpan().SequenceEqual(other.Body)
        && PublishedAt == other.PublishedAt && ExpiresAt == other.ExpiresAt && CallId == other.CallId && CSeq == other.CSeq
        && Identity == other.Identity && Version == other.Version;

    public override int GetHashCode() => HashCode.Combine(ETag, ExpiresAt, CSeq);
}
