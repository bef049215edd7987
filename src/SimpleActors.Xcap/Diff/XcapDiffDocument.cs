using System.Xml.Linq;

namespace SimpleActors.Xcap.Diff;

/// <summary>
/// An <c>application/xcap-diff+xml</c> document (RFC 5874): <c>&lt;xcap-diff xcap-root="..."&gt;</c> with
/// document, element and attribute entries in order. <see cref="XcapDiffWriter"/> writes it,
/// <see cref="XcapDiffReader"/> reads it.
/// </summary>
public sealed record XcapDiffDocument(string XcapRoot, IReadOnlyList<XcapDiffEntry> Entries)
{
    public const string MediaType = "application/xcap-diff+xml";

    public static readonly XNamespace Namespace = "urn:ietf:params:xml:ns:xcap-diff";
}
