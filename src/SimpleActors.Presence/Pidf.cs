namespace SimpleActors.Presence;

/// <summary>
/// PIDF documents (RFC 3863) with the presence data model (RFC 4479) and RPID (RFC 4480): read
/// safely, written deterministically, and the document watchers get when nothing is published.
/// What is kept and what is refused: docs/presence-documents.md.
/// </summary>
public static class Pidf
{
    /// <summary>The media type of a PIDF body (RFC 3863).</summary>
    public const string ContentType = "application/pidf+xml";

    /// <summary>The PIDF namespace (RFC 3863 section 4), written as the default namespace.</summary>
    public const string Namespace = "urn:ietf:params:xml:ns:pidf";

    /// <summary>The presence data model namespace (RFC 4479), written with the prefix <c>dm</c>.</summary>
    public const string DataModelNamespace = "urn:ietf:params:xml:ns:pidf:data-model";

    /// <summary>The RPID namespace (RFC 4480), written with the prefix <c>rpid</c>.</summary>
    public const string RpidNamespace = "urn:ietf:params:xml:ns:pidf:rpid";

    /// <summary>The id of the one tuple of <see cref="Closed"/>.</summary>
    internal const string ClosedTupleId = "closed";

    /// <summary>
    /// Reads a PIDF document. The size is checked before parsing, DTDs are refused, depth and element
    /// count are checked while reading; then the RFC 3863 rules: the root is the PIDF
    /// <c>presence</c> element with an <c>entity</c> that is a pres:, sip: or sips: URI; every tuple
    /// has an id and exactly one <c>status</c>; tuple, person and device ids are unique in the
    /// document; timestamps are xs:dateTime. Elements of other namespaces are kept in the nearest
    /// model element's extensions, in document order.
    /// </summary>
    /// <exception cref="PresenceDocumentException">Anything else, malformed XML included.</exception>
    public static PidfDocument Parse(ReadOnlySpan<byte> utf8, PresenceLimits? limits = null) =>
        PidfReader.Read(Xml.SecureXmlLoader.Load(utf8, limits, "PIDF"));

    /// <summary>
    /// Writes a document: UTF-8 without BOM, with an XML declaration, PIDF as the default namespace,
    /// <c>dm</c> and <c>rpid</c> prefixes declared on the root when used, two-space indentation. The
    /// same document always gives the same bytes, and <c>Parse(Write(d))</c> equals <c>d</c>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The document breaks a rule <see cref="Parse"/> enforces (bad entity, missing or duplicate id,
    /// priority outside 0..1 or with more than three decimals, an extension element that
    /// <see cref="Parse"/> would read as a modelled element, a character XML cannot carry, ...).
    /// </exception>
    public static byte[] Write(PidfDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return PidfWriter.Write(document);
    }

    /// <summary>
    /// <c>Write(Closed(entity))</c>, the document every presentity with nothing published shows, without an
    /// <see cref="System.Xml.XmlWriter"/>: the writer's own buffer (about 6 KB) was the largest allocation of a storm of new
    /// watchers. An entity of printable ASCII without characters XML escapes in an attribute goes between the bytes
    /// written once for a stand-in entity; any other is written the long way. Same bytes either way (tested).
    /// </summary>
    public static byte[] WriteClosed(string entity)
    {
        if (!PresentityUri.IsValid(entity))
        {
            throw new ArgumentException("The entity must be a pres:, sip: or sips: URI.", nameof(entity));
        }

        foreach (var c in entity)
        {
            if (c is < '!' or > '~' or '&' or '<' or '>' or '"')
            {
                return Write(Closed(entity));
            }
        }

        var (before, after) = ClosedTemplate.Value;
        var bytes = new byte[before.Length + entity.Length + after.Length];
        before.CopyTo(bytes, 0);
        System.Text.Encoding.ASCII.GetBytes(entity, 0, entity.Length, bytes, before.Length);
        after.CopyTo(bytes, before.Length + entity.Length);
        return bytes;
    }

    /// <summary>The closed document of a stand-in entity, cut where the entity goes.</summary>
    private static readonly Lazy<(byte[] Before, byte[] After)> ClosedTemplate = new(() =>
    {
        const string standIn = "sip:closed-template@invalid";
        var written = Write(Closed(standIn));
        var quoted = System.Text.Encoding.ASCII.GetBytes("\"" + standIn + "\"");
        var at = written.AsSpan().IndexOf(quoted) + 1;
        return (written[..at], written[(at + standIn.Length)..]);
    });

    /// <summary>
    /// The document watchers see when a presentity has nothing published (no publication, or every
    /// publication expired or removed): one tuple with id <c>closed</c> and basic status
    /// <c>closed</c>, and nothing else (no contact, note, timestamp, person or device). It says "not
    /// available" without inventing anything; the server decides what watchers see from the
    /// publications it holds (RFC 3903 section 4.1), and with none it holds this. A pure function:
    /// the same entity gives an equal document.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="entity"/> is not a pres:, sip: or sips: URI.</exception>
    public static PidfDocument Closed(string entity)
    {
        if (!PresentityUri.IsValid(entity))
        {
            throw new ArgumentException("The entity must be a pres:, sip: or sips: URI.", nameof(entity));
        }

        var tuple = new PidfTuple(ClosedTupleId, new PidfStatus(BasicStatus.Closed, []), null, [], null, null, []);
        return new PidfDocument(entity, [tuple], [], [], [], []);
    }
}
