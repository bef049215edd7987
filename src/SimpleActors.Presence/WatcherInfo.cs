namespace SimpleActors.Presence;

/// <summary>
/// Watcher information documents (RFC 3858): read safely with the same rules as PIDF
/// (<see cref="PresenceLimits"/>, no DTD), written deterministically.
/// </summary>
public static class WatcherInfo
{
    /// <summary>The media type of a watcherinfo body (RFC 3858).</summary>
    public const string ContentType = "application/watcherinfo+xml";

    /// <summary>The watcherinfo namespace, written as the default namespace.</summary>
    public const string Namespace = "urn:ietf:params:xml:ns:watcherinfo";

    /// <summary>
    /// Writes a document: UTF-8 without BOM, XML declaration, two-space indentation; same document,
    /// same bytes; <c>Parse(Write(d))</c> equals <c>d</c>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The document breaks a rule <see cref="Parse"/> enforces (negative version or duration, empty
    /// id, URI, resource or package, duplicate watcher id in a list, duplicate list, ...).
    /// </exception>
    public static byte[] Write(WatcherInfoDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return WatcherInfoWriter.Write(document);
    }

    /// <summary>
    /// Reads a watcherinfo document: root <c>watcherinfo</c> in the watcherinfo namespace with a
    /// non-negative <c>version</c> and a <c>state</c> of full or partial; each <c>watcher-list</c>
    /// with a <c>resource</c> and a <c>package</c>, unique by the two; each <c>watcher</c> with an
    /// <c>id</c> unique in its list, a <c>status</c>, an <c>event</c> and a URI. Elements of other
    /// namespaces are ignored.
    /// </summary>
    /// <exception cref="PresenceDocumentException">Anything else, malformed XML included.</exception>
    public static WatcherInfoDocument Parse(ReadOnlySpan<byte> utf8, PresenceLimits? limits = null) =>
        WatcherInfoReader.Read(Xml.SecureXmlLoader.Load(utf8, limits, "watcherinfo"));
}
