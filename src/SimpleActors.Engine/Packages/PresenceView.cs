using SimpleActors.Engine.Subscription;
using SimpleActors.Sip.Events;

namespace SimpleActors.Engine.Packages;

/// <summary>
/// A presence subscription's view: the last document the presentity told, its version and digest, and the version the
/// watcher was last sent.
/// </summary>
public sealed class PresenceView : ISubscriptionView
{
    /// <summary>The last presence document the presentity told (null: none yet).</summary>
    public byte[]? Document { get; private set; }

    /// <summary>Its version.</summary>
    public long DocumentVersion { get; private set; }

    /// <summary>The version the watcher was last sent.</summary>
    public long SentVersion { get; set; }

    private string? digest;

    // The digest of the document the watcher was last sent (null: none, or one it could not compare, such as the closed
    // document of a polite block or no document while pending).
    private string? sentDigest;

    public bool Known => Document is not null;

    /// <summary>
    /// A newer version than the watcher was sent, unless it is the same document: a version can change what some watchers
    /// see and not others (the owner's rules changed, RFC 5025 section 3.3), and an unchanged document is not news.
    /// </summary>
    public bool HasNews => SentVersion < DocumentVersion && (digest is null || digest != sentDigest);

    public long Version(SubscriptionState state) => DocumentVersion;

    /// <summary>Keeps the newest document; false when it is not newer than the one held.</summary>
    public bool Take(long version, byte[] document, string? documentDigest)
    {
        if (Document is not null && version <= DocumentVersion)
        {
            return false;
        }

        DocumentVersion = version;
        Document = document;
        digest = documentDigest;
        return true;
    }

    /// <summary>
    /// A pending watcher learns nothing of the presentity's state (RFC 3856 section 6.6.2), a politely blocked one sees it
    /// closed (RFC 5025 section 3.2.1), a rejected one nothing; an active one gets the document, also in the NOTIFY that
    /// ends a fetch or an unsubscribe (RFC 6665 section 4.4.3).
    /// </summary>
    public NotifyBody Body(SubscriptionState state, NotifyKind kind, bool rejected, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        SentVersion = Math.Max(SentVersion, DocumentVersion);
        if (rejected || state.Status != SubscriptionStatus.Active)
        {
            sentDigest = null;
            return new NotifyBody(null, DocumentVersion);
        }

        if (state.Polite)
        {
            sentDigest = null;
            return new NotifyBody(SimpleActors.Presence.Pidf.WriteClosed(state.Presentity), DocumentVersion);
        }

        sentDigest = digest;
        return new NotifyBody(Document, DocumentVersion, digest);
    }
}
