namespace SimpleActors.Msrp.Cpim;

/// <summary>
/// A message/cpim body (RFC 3862), the envelope session-mode (MSRP) and pager-mode (SIP MESSAGE) IM share: the
/// message headers (From, To, cc, DateTime, Subject, NS, Require and extension headers), the encapsulated MIME headers
/// and the content, as bytes. Read with <see cref="CpimReader"/>, written with <see cref="CpimWriter"/>; two messages
/// are equal when every header, in order, and every content byte are.
/// </summary>
public sealed record CpimMessage
{
    /// <summary>The media type of a CPIM body.</summary>
    public const string MediaType = "message/cpim";

    /// <summary>The namespace of header names without prefix (RFC 3862 section 3.4).</summary>
    public const string DefaultNamespace = "urn:ietf:params:cpim-headers:";

    /// <summary>The sender (RFC 3862 section 4.1).</summary>
    public required CpimAddress From { get; init; }

    /// <summary>The recipients, at least one (RFC 3862 section 4.2).</summary>
    public required IReadOnlyList<CpimAddress> To { get; init; }

    /// <summary>Courtesy copies (RFC 3862 section 4.3).</summary>
    public IReadOnlyList<CpimAddress> Cc { get; init; } = [];

    /// <summary>When the message was sent (RFC 3862 section 4.4), or null.</summary>
    public DateTimeOffset? DateTime { get; init; }

    /// <summary>The subjects, one per language (RFC 3862 section 4.5).</summary>
    public IReadOnlyList<CpimSubject> Subjects { get; init; } = [];

    /// <summary>The NS declarations, in order (RFC 3862 section 4.6).</summary>
    public IReadOnlyList<CpimNamespace> Namespaces { get; init; } = [];

    /// <summary>The header names the receiver must understand (RFC 3862 section 4.7), e.g. <c>MyFeatures.VitalMessageOption</c>.</summary>
    public IReadOnlyList<string> Require { get; init; } = [];

    /// <summary>The other message headers, in order, with their namespaces resolved.</summary>
    public IReadOnlyList<CpimHeader> Extensions { get; init; } = [];

    /// <summary>The encapsulated MIME headers, in order; Content-Type among them.</summary>
    public required IReadOnlyList<MimeHeader> MimeHeaders { get; init; }

    /// <summary>The content: every byte after the blank line that ends the MIME headers.</summary>
    public ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>The Content-Type of the content, or null.</summary>
    public string? ContentType => MimeHeaderValue(MimeHeader.ContentType);

    /// <summary>A message from <paramref name="from"/> to <paramref name="to"/> with the given content.</summary>
    public static CpimMessage Create(CpimAddress from, CpimAddress to, string contentType, ReadOnlyMemory<byte> content) => new()
    {
        From = from,
        To = [to],
        MimeHeaders = [new MimeHeader(MimeHeader.ContentType, contentType)],
        Content = content,
    };

    /// <summary>The value of the first MIME header of that name (compared without case), or null.</summary>
    public string? MimeHeaderValue(string name) =>
        MimeHeaders.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>
    /// The first extension header named <paramref name="name"/> (compared without case) in the namespace
    /// <paramref name="namespaceUri"/>, whatever prefix the sender bound to it; or null.
    /// </summary>
    public CpimHeader? Extension(string namespaceUri, string name) =>
        Extensions.FirstOrDefault(h => h.NamespaceUri == namespaceUri && string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The prefix an NS header binds to <paramref name="namespaceUri"/>, or null.</summary>
    public string? PrefixOf(string namespaceUri) => Namespaces.FirstOrDefault(n => n.Uri == namespaceUri)?.Prefix;

    /// <summary>True when the content type (its media type, without parameters and case) is <paramref name="mediaType"/>.</summary>
    public bool HasMediaType(string mediaType)
    {
        var type = ContentType;
        if (type is null)
        {
            return false;
        }

        var semicolon = type.IndexOf(';', StringComparison.Ordinal);
        var bare = (semicolon < 0 ? type : type[..semicolon]).Trim();
        return string.Equals(bare, mediaType, StringComparison.OrdinalIgnoreCase);
    }

    public bool Equals(CpimMessage? other) =>
        other is not null
        && From == other.From
        && To.SequenceEqual(other.To)
        && Cc.SequenceEqual(other.Cc)
        && Nullable.Equals(DateTime, other.DateTime)
        && DateTime?.Offset == other.DateTime?.Offset
        && Subjects.SequenceEqual(other.Subjects)
        && Namespaces.SequenceEqual(other.Namespaces)
        && Require.SequenceEqual(other.Require, StringComparer.Ordinal)
        && Extensions.SequenceEqual(other.Extensions)
        && MimeHeaders.SequenceEqual(other.MimeHeaders)
        && Content.Span.SequenceEqual(other.Content.Span);

    public override int GetHashCode() => HashCode.Combine(From, To.Count, DateTime, Extensions.Count, Content.Length);
}
