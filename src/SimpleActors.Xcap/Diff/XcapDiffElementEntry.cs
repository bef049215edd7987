using System.Xml.Linq;

namespace SimpleActors.Xcap.Diff;

/// <summary>
/// An <c>&lt;element&gt;</c> of an xcap-diff document (RFC 5874 section 3): the current content of a watched
/// element, or, when <see cref="Content"/> is null, <c>exists="0"</c>: the element is gone.
/// </summary>
public sealed record XcapDiffElementEntry(string Selector, XElement? Content) : XcapDiffEntry(Selector)
{
    public bool Exists => Content is not null;
}
