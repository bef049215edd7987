using System.Xml.Linq;
using SimpleActors.Presence.Patch;

namespace SimpleActors.Presence.PidfDiff;

/// <summary>
/// The PIDF diff format (RFC 5262): full presence state (<c>&lt;pidf-full&gt;</c>) or the changes to it as RFC 5261 patch
/// directives (<c>&lt;pidf-diff&gt;</c>), carried by partial notification (RFC 5263) and partial publication (RFC 5264). Read
/// safely (size checked first, DTDs refused, depth and element count while reading), written without indentation (the
/// whitespace of a patch is content), applied all or nothing with a PIDF check of the result.
/// </summary>
public static class PidfDiff
{
    /// <summary>The media type (RFC 5262 section 5).</summary>
    public const string ContentType = "application/pidf-diff+xml";

    /// <summary>The namespace of <c>pidf-full</c>, <c>pidf-diff</c> and their directives (RFC 5262 section 4).</summary>
    public const string Namespace = "urn:ietf:params:xml:ns:pidf-diff";

    /// <summary>
    /// Reads a pidf-diff document. A <c>&lt;pidf-full&gt;</c> must make a valid PIDF document (it is checked by
    /// <see cref="Pidf.Parse"/>); a <c>&lt;pidf-diff&gt;</c> may hold only add, replace and remove directives.
    /// </summary>
    /// <exception cref="PresenceDocumentException">Anything else, malformed XML included.</exception>
    public static PidfDiffDocument Parse(ReadOnlySpan<byte> utf8, PresenceLimits? limits = null) =>
        PidfDiffReader.Read(Xml.SecureXmlLoader.LoadDocument(utf8, limits, "pidf-diff"), limits);

    /// <summary>The <c>&lt;pidf-full&gt;</c> of a PIDF document: its content and namespace declarations under the pidf-full root.</summary>
    /// <exception cref="PresenceDocumentException"><paramref name="pidf"/> is not a PIDF document.</exception>
    public static byte[] WriteFull(ReadOnlySpan<byte> pidf, uint version) => PidfDiffWriter.WriteFull(PresenceTree(pidf, null), version);

    /// <summary>
    /// A <c>&lt;pidf-diff&gt;</c> of <paramref name="entity"/> holding <paramref name="operations"/>, the directives as written
    /// (UTF-8, each declaring the namespaces it uses, as <see cref="Directives"/> writes them).
    /// </summary>
    public static byte[] WriteDiff(string entity, uint version, ReadOnlySpan<byte> operations) => PidfDiffWriter.WriteDiff(entity, version, operations);

    /// <summary>
    /// The directives that turn PIDF document <paramref name="from"/> into <paramref name="to"/> (<see cref="XmlPatch.Diff"/>), in
    /// the pidf-diff namespace, written one after the other for <see cref="WriteDiff"/>; empty when the documents are equal.
    /// </summary>
    /// <exception cref="PresenceDocumentException">One of them is not a PIDF document.</exception>
    public static byte[] Directives(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to) =>
        PidfDiffWriter.WriteDirectives(XmlPatch.Diff(PresenceTree(from, null), PresenceTree(to, null), Namespace));

    /// <summary>
    /// Applies a <c>&lt;pidf-diff&gt;</c> to PIDF document <paramref name="pidf"/> (RFC 5262 section 3: the result is a PIDF
    /// document): all directives or none; the result must pass the PIDF reader. A <c>&lt;pidf-full&gt;</c> gives its own document.
    /// </summary>
    /// <exception cref="XmlPatchException">A directive failed (RFC 5261 section 5).</exception>
    /// <exception cref="PresenceDocumentException"><paramref name="pidf"/> or the result is not valid PIDF.</exception>
    public static byte[] Apply(ReadOnlySpan<byte> pidf, PidfDiffDocument diff, PresenceLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(diff);
        if (diff.Presence is { } full)
        {
            return PidfDiffWriter.Write(full);
        }

        var patched = PidfDiffWriter.Write(XmlPatch.Apply(PresenceTree(pidf, limits), diff.Operations));
        _ = Pidf.Parse(patched, limits);
        return patched;
    }

    /// <summary>The PIDF bytes of <paramref name="presence"/>, as <see cref="Apply"/> writes its results.</summary>
    public static byte[] Write(XDocument presence) => PidfDiffWriter.Write(presence);

    /// <summary>A PIDF document as a tree, whitespace and declarations kept, read with the same limits.</summary>
    private static XDocument PresenceTree(ReadOnlySpan<byte> pidf, PresenceLimits? limits) => Xml.SecureXmlLoader.LoadDocument(pidf, limits, "PIDF");
}
