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
    private Dictionary<string, PidfDocument>? parsed; // made with the first publication composed
    private (long Version, byte[] Body)? written;
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
        if (written is { } last && last.Version == state.Version)
        {
            return last.Body;
        }

        if (state.Publications.IsEmpty)
        {
            // RFC 3903 section 4.1 leaves the state of a presentity with nothing published to the compositor: closed.
            parsed = null;
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

        foreach (var stale in parsed.Keys.Where(etag => state.Find(etag) is null).ToList())
        {
            parsed.Remove(stale);
        }

        var body = Pidf.Write(PresenceComposition.Compose(state.Aor, publications));
        written = (state.Version, body);
        return body;
    }
}
