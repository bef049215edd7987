using System.Xml.Linq;

namespace SimpleActors.Presence.PidfDiff;

/// <summary>
/// One <c>application/pidf-diff+xml</c> document (RFC 5262 section 3): either <c>&lt;pidf-full&gt;</c>, full state, read as the
/// PIDF <c>&lt;presence&gt;</c> document it stands for (<see cref="Presence"/>), or <c>&lt;pidf-diff&gt;</c>, RFC 5261 directives
/// whose 'sel' addresses that <c>&lt;presence&gt;</c> document (<see cref="Operations"/>, each carrying its in-scope namespace
/// declarations). Both carry the presentity and a version that goes up by one per document in one context (RFC 5262
/// section 3: one subscription, or one publication).
/// </summary>
/// <param name="Entity">The <c>entity</c> attribute: the presentity URI.</param>
/// <param name="Version">The <c>version</c> attribute (xs:unsignedInt).</param>
/// <param name="Presence">For <c>&lt;pidf-full&gt;</c>: the PIDF document, already checked by the PIDF reader; null for a diff.</param>
/// <param name="Operations">For <c>&lt;pidf-diff&gt;</c>: the add, replace and remove directives in order; empty for a full document.</param>
public sealed record PidfDiffDocument(string Entity, uint Version, XDocument? Presence, IReadOnlyList<XElement> Operations)
{
    /// <summary>True for <c>&lt;pidf-full&gt;</c>.</summary>
    public bool IsFull => Presence is not null;
}
