using SimpleActors.Engine.Subscription;
using SimpleActors.Presence.PidfDiff;
using SimpleActors.Sip.Events;

namespace SimpleActors.Engine.Packages;

/// <summary>
/// A presence subscription's view: the last document the presentity told, its version and digest, and the version the
/// watcher was last sent. A partial subscription (RFC 5263) also keeps the document it was last sent, the base of its
/// next <c>&lt;pidf-diff&gt;</c>.
/// </summary>
public sealed class PresenceView(PidfDiffCache? diffs = null) : ISubscriptionView
{
    private readonly PidfDiffCache diffs = diffs ?? PidfDiffCache.Shared;

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

    // A partial subscription: the document its watcher was last sent and acknowledged as far as we know (null: the next
    // NOTIFY is full state).
    private byte[]? sentDocument;
    private string? sentDocumentDigest;

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
    /// A NOTIFY was answered with a failure that did not end the subscription: the watcher may not have the document it
    /// was sent, so a partial subscription's next NOTIFY is full state (RFC 5263 section 3).
    /// </summary>
    public void Unconfirmed() => sentDocument = null;

    /// <summary>
    /// A pending watcher learns nothing of the presentity's state (RFC 3856 section 6.6.2), a politely blocked one sees it
    /// closed (RFC 5025 section 3.2.1), a rejected one nothing; an active one gets the document, also in the NOTIFY that
    /// ends a fetch or an unsubscribe (RFC 6665 section 4.4.3). A partial subscription gets them as pidf-diff documents
    /// whose version is the NOTIFY's CSeq (one more per NOTIFY, RFC 5262 section 3): <c>&lt;pidf-full&gt;</c> after a
    /// NOTIFY without a document, for a request (a refresh, a new decision) and after a failure; otherwise the
    /// <c>&lt;pidf-diff&gt;</c> from the document last sent, unless it is no smaller than the document.
    /// </summary>
    public NotifyBody Body(SubscriptionState state, NotifyKind kind, bool rejected, uint cseq, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        SentVersion = Math.Max(SentVersion, DocumentVersion);
        if (rejected || state.Status != SubscriptionStatus.Active)
        {
            sentDigest = null;
            sentDocument = null;
            return new NotifyBody(null, DocumentVersion);
        }

        if (state.Polite)
        {
            sentDigest = null;
            sentDocument = null;
            var closed = SimpleActors.Presence.Pidf.WriteClosed(state.Presentity);
            return state.Partial
                ? new NotifyBody(PidfDiff.WriteFull(closed, cseq), DocumentVersion, null, PidfDiff.ContentType)
                : new NotifyBody(closed, DocumentVersion);
        }

        if (!state.Partial || Document is null)
        {
            sentDigest = digest;
            return new NotifyBody(Document, DocumentVersion, digest);
        }

        // The digests name the documents in the node's cache; the document told comes with one in a fan-out.
        digest ??= NotifyDigest.Of(Document)!;
        sentDigest = digest;
        var body = Partial(state.Presentity, kind, cseq, Document, digest);
        sentDocument = Document;
        sentDocumentDigest = digest;
        return new NotifyBody(body, DocumentVersion, null, PidfDiff.ContentType);
    }

    private byte[] Partial(string presentity, NotifyKind kind, uint cseq, byte[] document, string documentDigest)
    {
        if (kind == NotifyKind.Change && sentDocument is { } before && sentDocumentDigest is { } from)
        {
            if (diffs.Directives(from, before, documentDigest, document) is { } directives)
            {
                return PidfDiff.WriteDiff(presentity, cseq, directives);
            }
        }

        return PidfDiff.WriteFull(document, cseq);
    }
}
