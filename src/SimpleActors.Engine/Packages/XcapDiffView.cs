using System.Xml.Linq;
using SimpleActors.Engine.Subscription;
using SimpleActors.Sip.Events;
using SimpleActors.Xcap.Diff;

namespace SimpleActors.Engine.Packages;

/// <summary>
/// An xcap-diff subscription's view: the entity tag of each of the owner's documents, and the versions since the last
/// NOTIFY. The first NOTIFY (and the one that answers a refresh or ends the subscription) is full state: every watched
/// document with its tag (RFC 5875 section 4.6); the others carry only the documents that changed, from the tag the
/// watcher was told to the current one (RFC 5874 section 3: new-etag only for a new document, previous-etag only for a
/// deleted one), with the RFC 5261 patches between consecutive versions when the watcher asked for xcap-patching (one
/// document element per version) or aggregate (one patch set when a single version passed; otherwise none, which RFC 5875
/// section 4.8 allows: the watcher fetches the document).
/// </summary>
public sealed class XcapDiffView : ISubscriptionView
{
    private readonly Dictionary<string, string> current = new(StringComparer.Ordinal);
    private readonly List<XcapDocumentVersion> pending = [];
    private bool told;

    public bool Known { get; private set; }

    public bool HasNews => pending.Count > 0;

    public long Version(SubscriptionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.NotifiedVersion;
    }

    /// <summary>The owner's documents as its presentity lists them (the whole state; what was pending is in it).</summary>
    public void Reset(IEnumerable<XcapDocumentVersion> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        current.Clear();
        foreach (var document in documents)
        {
            if (document.ETag is not null)
            {
                current[document.Selector] = document.ETag;
            }
        }

        pending.Clear();
        Known = true;
    }

    /// <summary>Versions of documents; those <paramref name="watched"/> does not cover are kept but not notified.</summary>
    public void Apply(IEnumerable<XcapDocumentVersion> versions, WatchedDocuments? watched)
    {
        ArgumentNullException.ThrowIfNull(versions);
        foreach (var version in versions)
        {
            if (version.ETag is null)
            {
                current.Remove(version.Selector);
            }
            else
            {
                current[version.Selector] = version.ETag;
            }

            if (told && watched is not null && watched.Covers(version.Selector))
            {
                pending.Add(version);
            }
        }
    }

    public NotifyBody Body(SubscriptionState state, NotifyKind kind, bool rejected, uint cseq, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (rejected || !Known || state.Documents is not { } watched)
        {
            return new NotifyBody(null, state.NotifiedVersion);
        }

        var entries = new List<XcapDiffEntry>();
        if (!told || kind != NotifyKind.Change)
        {
            // RFC 5875 section 4.6: full state, every watched document that exists with its current tag.
            entries.AddRange(current.Where(d => watched.Covers(d.Key)).OrderBy(d => d.Key, StringComparer.Ordinal)
                .Select(d => new XcapDiffDocumentEntry(d.Key) { NewETag = d.Value }));
        }
        else
        {
            foreach (var versions in pending.GroupBy(v => v.Selector, StringComparer.Ordinal))
            {
                entries.AddRange(Changes([.. versions], watched));
            }
        }

        pending.Clear();
        told = true;
        return new NotifyBody(XcapDiffWriter.Write(new XcapDiffDocument(watched.Root, entries)), state.NotifiedVersion + 1);
    }

    private static IEnumerable<XcapDiffEntry> Changes(IReadOnlyList<XcapDocumentVersion> versions, WatchedDocuments watched)
    {
        var first = versions[0];
        var last = versions[^1];
        if (first.PreviousETag is null && last.ETag is null)
        {
            // Created and deleted again since the last NOTIFY: the watcher never knew it, and it is gone (RFC 5874 section 3
            // has no entry for a document with neither etag).
            return [];
        }

        var patched = watched.WantsPatches && versions.All(v => v.PreviousETag is not null && v.ETag is not null && v.Patch.Count > 0);
        if (patched && watched.DiffProcessing == WatchedDocuments.XcapPatching)
        {
            // RFC 5875 section 4.3, xcap-patching: the patches between each pair of consecutive versions.
            return versions.Select(v => new XcapDiffDocumentEntry(v.Selector) { PreviousETag = v.PreviousETag, NewETag = v.ETag, Operations = Operations(v) });
        }

        var entry = new XcapDiffDocumentEntry(first.Selector) { PreviousETag = first.PreviousETag, NewETag = last.ETag };
        return [patched && versions.Count == 1 ? entry with { Operations = Operations(first) } : entry];
    }

    private static IReadOnlyList<XElement> Operations(XcapDocumentVersion version) => [.. version.Patch.Select(p => XElement.Parse(p, LoadOptions.PreserveWhitespace))];
}
