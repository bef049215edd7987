using SimpleActors.Msrp.Addressing;
using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Chunking;

/// <summary>
/// A message to send in a session, before it is cut into SEND chunks (RFC 4975 sections 5.1 and 7.1.1): the Message-ID,
/// paths, report choices and Content-Type that every chunk repeats, and the body whose bytes the chunks share out.
/// An empty body is the bodiless SEND sent right after connecting (section 5.4), which has no Content-Type.
/// </summary>
public sealed class MsrpOutgoingMessage
{
    private readonly MsrpUri[] toPath;
    private readonly MsrpUri[] fromPath;

    /// <exception cref="ArgumentException">
    /// A Message-ID that is not one (RFC 4975 section 9), an empty path, a body without a Content-Type, a Content-Type on
    /// an empty body (section 7.1.1), or a Content-Type that is not a media type.
    /// </exception>
    public MsrpOutgoingMessage(string messageId, IReadOnlyList<MsrpUri> toPath, IReadOnlyList<MsrpUri> fromPath, string? contentType, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(toPath);
        ArgumentNullException.ThrowIfNull(fromPath);
        if (!MsrpCharacters.IsMessageId(messageId))
        {
            throw new ArgumentException($"Not a Message-ID: {messageId}", nameof(messageId));
        }

        if (toPath.Count == 0 || toPath.Any(u => u is null) || fromPath.Count == 0 || fromPath.Any(u => u is null))
        {
            throw new ArgumentException("A path holds one URI or more");
        }

        // RFC 4975 section 7.1.1: a SEND with a body carries a Content-Type, one without a body none.
        if (body.IsEmpty != contentType is null)
        {
            throw new ArgumentException(body.IsEmpty ? "A bodiless SEND has no Content-Type" : "A body needs a Content-Type", nameof(contentType));
        }

        if (contentType is not null && !MsrpHeaderValues.IsMediaType(contentType.Trim(' ', '\t')))
        {
            throw new ArgumentException($"Not a media type: {contentType}", nameof(contentType));
        }

        MessageId = messageId;
        this.toPath = [.. toPath];
        this.fromPath = [.. fromPath];
        ContentType = contentType;
        Body = body;
    }

    /// <summary>The Message-ID every chunk carries (RFC 4975 section 7.1.1).</summary>
    public string MessageId { get; }

    /// <summary>The To-Path of every chunk: the relays, then the peer's URI.</summary>
    public IReadOnlyList<MsrpUri> ToPath => toPath;

    /// <summary>The From-Path of every chunk: this endpoint's URI.</summary>
    public IReadOnlyList<MsrpUri> FromPath => fromPath;

    /// <summary>The Content-Type of every chunk; null for the bodiless SEND.</summary>
    public string? ContentType { get; }

    /// <summary>The whole message; each chunk's body is a slice of it, not a copy.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The Byte-Range total of every chunk: the body's length.</summary>
    public long Total => Body.Length;

    /// <summary>Success-Report on every chunk; null leaves the header out, which means no (RFC 4975 section 7.1.1).</summary>
    public bool? SuccessReport { get; init; }

    /// <summary>Failure-Report on every chunk; null leaves the header out, which means yes (RFC 4975 section 7.1.1).</summary>
    public MsrpFailureReport? FailureReport { get; init; }
}
