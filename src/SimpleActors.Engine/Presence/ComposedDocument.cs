using SimpleActors.Presence;

namespace SimpleActors.Engine.Presence;

/// <summary>
/// The document watchers of a presentity see: its publications composed (<see cref="PresenceComposition.Compose"/>),
/// written as PIDF. The written bytes are kept for the state version they belong to, so a fan-out and every Watch
/// between two changes share one composition, and its digest (<see cref="Subscription.NotifyDigest"/>), which a fan-out's
/// NOTIFY records carry, is computed once; parsed publications are kept by entity-tag, so a change parses only the new
/// document.
/// </summary>
public sealed class ComposedDocument
{
    // Hard state is kept apart from publications by this prefix of its key (XCAP entity tags are hex, SIP-ETags ours too).
    private const string HardStateKey = "xcap:";

    private Dictionary<string, PidfDocument>? parsed; // made with the first publication composed
    private (long Version, byte[] Body)? written;
    private (long Version, PidfDocument Document)? composed;
    private (long Version, string Digest)? digested;

    /// <summary>The digest of the document <see cref="For"/> writes for <paramref name="state"/>, once per state version.</summary>
    public string DigestFor(PresentityState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (digested is not { } last || last.Version != state.Version)
        {
            digested = last = (state.Version, Subscription.NotifyDigest.Of(For(state))!);
        }

        return last.Digest;
    }

    public byte[] For(PresentityState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (written is { } last && last.Version == state.Version && composed?.Version == state.Version)
        {
            return last.Body;
        }

        var hardState = state.OwnerDocuments.Where(d => d.Value.IsHardState).ToList();
        if (state.Publications.IsEmpty && hardState.Count == 0)
        {
            // RFC 3903 section 4.1 leaves the state of a presentity with nothing published to the compositor: closed.
            parsed = null;
            composed = (state.Version, Pidf.Closed(state.Aor));
            var closed = Pidf.WriteClosed(state.Aor);
            written = (state.Version, closed);
            return closed;
        }

        parsed ??= new Dictionary<string, PidfDocument>(StringComparer.Ordinal);
        var publications = new List<PresenceComposition.ComposedPublication>(state.Publications.Count);
        foreach (var publication in state.Publications)
        {
            if (!parsed.TryGetValue(publication.ETag, out var document))
            {
                // Stored documents were validated when published; the limits then were at least these.
                document = Pidf.Parse(publication.Body, new PresenceLimits { MaxDocumentBytes = Math.Max(publication.Body.Length, PresenceLimits.Default.MaxDocumentBytes) });
                parsed[publication.ETag] = document;
            }

            publications.Add(new PresenceComposition.ComposedPublication(publication.ETag, document, publication.PublishedAt));
        }

        // RFC 4827: the owner's pidf-manipulation documents are hard state, composed with the publications as the oldest
        // sources (a publication about the same tuple or person wins). A stored document that no longer parses is left out.
        foreach (var (selector, hard) in hardState)
        {
            var key = HardStateKey + hard.ETag;
            if (!parsed.TryGetValue(key, out var hardDocument))
            {
                try
                {
                    hardDocument = Pidf.Parse(hard.Document, new PresenceLimits { MaxDocumentBytes = Math.Max(hard.Document.Length, PresenceLimits.Default.MaxDocumentBytes) });
                }
                catch (PresenceDocumentException)
                {
                    continue;
                }

                parsed[key] = hardDocument;
            }

            publications.Insert(0, new PresenceComposition.ComposedPublication(key, hardDocument, DateTimeOffset.MinValue));
        }

        foreach (var stale in parsed.Keys.Where(key => key.StartsWith(HardStateKey, StringComparison.Ordinal)
            ? !hardState.Exists(h => HardStateKey + h.Value.ETag == key)
            : state.Find(key) is null).ToList())
        {
            parsed.Remove(stale);
        }

        var whole = PresenceComposition.Compose(state.Aor, publications);
        composed = (state.Version, whole);
        var body = Pidf.Write(whole);
        written = (state.Version, body);
        return body;
    }

    /// <summary>The composed document of <paramref name="state"/> as a model (for the rules' filter and sphere), once per state version.</summary>
    public PidfDocument DocumentFor(PresentityState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (composed is not { } last || last.Version != state.Version)
        {
            For(state);
        }

        return composed!.Value.Document;
    }
}
