namespace SimpleActors.Engine.Presence;

/// <summary>An initial PUBLISH created a publication (RFC 3903 section 4.2).</summary>
public sealed record PublicationAdded(string Aor, Publication Publication, DateTimeOffset At) : IPresentityEvent;

/// <summary>A PUBLISH without body extended a publication and gave it a new entity-tag (RFC 3903 section 4.3).</summary>
public sealed record PublicationRefreshed(
    string Aor, string OldETag, string NewETag, DateTimeOffset ExpiresAt, string CallId, uint CSeq, string? Identity, DateTimeOffset At)
    : IPresentityEvent;

/// <summary>A PUBLISH with a body replaced a publication's document (RFC 3903 section 4.4); the publication carries the new entity-tag.</summary>
public sealed record PublicationModified(string Aor, string OldETag, Publication Publication, DateTimeOffset At) : IPresentityEvent;

/// <summary>
/// A publication ended: removed by a PUBLISH with Expires 0 (RFC 3903 section 4.5; Call-ID, CSeq and identity of
/// that request) or expired.
/// </summary>
public sealed record PublicationRemoved(
    string Aor, string ETag, PublicationRemovalReason Reason, string? CallId, uint? CSeq, string? Identity, DateTimeOffset At)
    : IPresentityEvent;

/// <summary>Why a publication ended.</summary>
public enum PublicationRemovalReason
{
    /// <summary>A PUBLISH with Expires 0 and its entity-tag.</summary>
    Removed = 0,

    /// <summary>Its expiry time passed.</summary>
    Expired = 1,
}
