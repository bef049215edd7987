using System.Xml.Linq;

namespace SimpleActors.Xcap.Diff;

/// <summary>
/// A <c>&lt;document&gt;</c> of an xcap-diff document (RFC 5874 section 3): the etags say what happened (created:
/// new only; deleted: previous only; modified: both), the content how — RFC 5261 patch directives from the
/// previous version to the new one, <c>&lt;body-not-changed/&gt;</c> when only the etag changed, or nothing when the
/// subscriber has to fetch the document.
/// </summary>
public sealed record XcapDiffDocumentEntry(string Selector) : XcapDiffEntry(Selector)
{
    public string? PreviousETag { get; init; }

    public string? NewETag { get; init; }

    /// <summary>Only the etag changed (<c>&lt;body-not-changed/&gt;</c>); no <see cref="Operations"/> then.</summary>
    public bool BodyNotChanged { get; init; }

    /// <summary>
    /// The <c>add</c>, <c>replace</c> and <c>remove</c> directives, in order, each carrying the namespace declarations
    /// its 'sel', 'type' and content need (as <see cref="Presence.Patch.XmlPatch.Diff"/> writes them and
    /// <see cref="Presence.Patch.XmlPatch.Standalone"/> makes them). Their own namespace does not matter: the writer puts
    /// them into the xcap-diff namespace.
    /// </summary>
    public IReadOnlyList<XElement> Operations { get; init; } = [];

    public XcapDiffChange Change => (PreviousETag, NewETag) switch
    {
        (null, not null) => XcapDiffChange.Created,
        (not null, null) => XcapDiffChange.Deleted,
        _ => XcapDiffChange.Modified,
    };
}
