using System.Text;

namespace SimpleActors.Sip.Sdp;

/// <summary>
/// A session description (RFC 8866, formerly RFC 4566): the session-level lines from v= up to the first m=, then the
/// media descriptions. Every line is kept, in order, whether we interpret it or not, so a description read and written
/// again is the same text: byte for byte when it came with CRLF line ends (bare LF is read and CRLF written).
/// Immutable; the <c>With</c> functions return a changed copy.
/// </summary>
/// <remarks>
/// What the reader checks, and where it is lenient because real clients are (see <see cref="Parse(string, SdpLimits?)"/>):
/// <list type="bullet">
/// <item>v=0 is the first line; exactly one o= (six fields) and one s= stand before the first m=. t= is not required.</item>
/// <item>Every line is <c>x=value</c> with x a lower-case letter; the value holds no CR or NUL. A letter we do not know
/// (GB28181's y= and f=, say) is kept where it stands rather than refused.</item>
/// <item>Lines before the first m= may come in any order (clients put a= before t=, c= before o=). After an m=, the
/// session-only types v o s u e p t r z are refused: they mean the text is not one description.</item>
/// <item>c=, m= and a= lines must read (three fields; media, port 0..65535, proto; a non-empty attribute name). Other
/// lines are kept as text.</item>
/// <item>Empty lines at the end are dropped (SIP bodies often carry an extra CRLF); an empty line before another line is
/// refused. A last line without a line end is read.</item>
/// <item>The text is UTF-8 (RFC 8866 section 5); invalid UTF-8 is refused rather than changed.</item>
/// </list>
/// </remarks>
public sealed class SessionDescription : IEquatable<SessionDescription>
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SdpLine[] sessionLines;
    private readonly MediaDescription[] media;

    private SessionDescription(SdpLine[] sessionLines, MediaDescription[] media, SdpOrigin origin, string sessionName)
    {
        this.sessionLines = sessionLines;
        this.media = media;
        Origin = origin;
        SessionName = sessionName;
    }

    /// <summary>The o= line.</summary>
    public SdpOrigin Origin { get; }

    /// <summary>The s= value as written (<c>-</c> or <c> -</c> when the session has no name).</summary>
    public string SessionName { get; }

    /// <summary>The session-level c= line; null when every media description carries its own (or none does).</summary>
    public SdpConnection? Connection
        => sessionLines.FirstOrDefault(l => l.Type == 'c') is { Value: { } value } ? SdpConnection.Parse(value) : null;

    /// <summary>The session-level a= lines, in order.</summary>
    public IEnumerable<SdpAttribute> Attributes => sessionLines.Where(l => l.Type == 'a').Select(l => SdpAttribute.Parse(l.Value));

    /// <summary>The lines before the first m=, v= first.</summary>
    public IReadOnlyList<SdpLine> SessionLines => sessionLines;

    /// <summary>The media descriptions, in order (their index is what RFC 3264 matches offer and answer by).</summary>
    public IReadOnlyList<MediaDescription> Media => media;

    /// <summary>Every line, session and media.</summary>
    public IEnumerable<SdpLine> Lines => sessionLines.Concat(media.SelectMany(m => m.Lines));

    /// <summary>The c= line that applies to media description <paramref name="index"/>: its own, else the session's.</summary>
    public SdpConnection? ConnectionFor(int index) => media[index].Connection ?? Connection;

    /// <summary>Reads a description from UTF-8 bytes (a SIP body of type application/sdp).</summary>
    /// <exception cref="SdpFormatException">The bytes are not a description we accept, or are over a limit.</exception>
    public static SessionDescription Parse(ReadOnlySpan<byte> utf8, SdpLimits? limits = null)
    {
        limits ??= SdpLimits.Default;
        if (utf8.Length > limits.MaxBytes)
        {
            SdpError.Throw($"the description is larger than {limits.MaxBytes} bytes");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            return SdpError.Throw<SessionDescription>("the description is not UTF-8");
        }

        return SdpReader.Read(text, limits);
    }

    /// <summary>Reads a description from text; see the remarks on the type for what is accepted.</summary>
    /// <exception cref="SdpFormatException">The text is not a description we accept, or is over a limit.</exception>
    public static SessionDescription Parse(string text, SdpLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        limits ??= SdpLimits.Default;
        int size;
        try
        {
            size = StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            return SdpError.Throw<SessionDescription>("the description holds a broken UTF-16 surrogate");
        }

        if (size > limits.MaxBytes)
        {
            SdpError.Throw($"the description is larger than {limits.MaxBytes} bytes");
        }

        return SdpReader.Read(text, limits);
    }

    /// <summary>Builds a description from its session-level lines (v=0 first) and its media descriptions.</summary>
    /// <exception cref="SdpFormatException">The lines break the rules the reader applies.</exception>
    public static SessionDescription Create(IEnumerable<SdpLine> sessionLines, IEnumerable<MediaDescription> media)
    {
        ArgumentNullException.ThrowIfNull(sessionLines);
        ArgumentNullException.ThrowIfNull(media);
        var session = sessionLines.ToArray();
        if (Array.Exists(session, l => l.Type == 'm'))
        {
            SdpError.Throw("an m= line starts a media description, not a session-level line");
        }

        var (origin, name) = CheckSession(session);
        return new SessionDescription(session, media.ToArray(), origin, name);
    }

    /// <summary>
    /// Builds the usual description: <c>v=0</c>, o=, s=, the session c= when given, <c>t=0 0</c> (RFC 3264 section 5:
    /// a session of unbounded time), then the media.
    /// </summary>
    public static SessionDescription Create(SdpOrigin origin, SdpConnection? connection, IEnumerable<MediaDescription> media, string sessionName = "-")
    {
        ArgumentNullException.ThrowIfNull(origin);
        var lines = new List<SdpLine> { new('v', "0"), origin.ToLine(), new('s', sessionName) };
        if (connection is not null)
        {
            lines.Add(connection.ToLine());
        }

        lines.Add(new SdpLine('t', "0 0"));
        return Create(lines, media);
    }

    internal static SessionDescription FromLines(SdpLine[] sessionLines, MediaDescription[] media)
    {
        var (origin, name) = CheckSession(sessionLines);
        return new SessionDescription(sessionLines, media, origin, name);
    }

    // RFC 8866 section 5: v=0 first; one o= and one s=. Line numbers are the line's index + 1 (the reader refuses empty
    // lines inside the text, so this is the line in the text too).
    private static (SdpOrigin Origin, string Name) CheckSession(SdpLine[] lines)
    {
        if (lines.Length == 0 || lines[0].Type != 'v')
        {
            SdpError.Throw("a session description begins with v=", 1);
        }

        if (lines[0].Value != "0")
        {
            SdpError.Throw("only SDP version 0 exists", 1);
        }

        SdpOrigin? origin = null;
        string? name = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            try
            {
                switch (line.Type)
                {
                    case 'v':
                        SdpError.Throw("a second v= line", i + 1);
                        break;
                    case 'o':
                        origin = origin is null ? SdpOrigin.Parse(line.Value) : SdpError.Throw<SdpOrigin>("a second o= line", i + 1);
                        break;
                    case 's':
                        name = name is null ? line.Value : SdpError.Throw<string>("a second s= line", i + 1);
                        break;
                    case 'c':
                        _ = SdpConnection.Parse(line.Value);
                        break;
                    case 'a':
                        _ = SdpAttribute.Parse(line.Value);
                        break;
                }
            }
            catch (SdpFormatException e) when (e.LineNumber == 0)
            {
                SdpError.Throw(e.Reason, i + 1);
            }
        }

        return (origin ?? SdpError.Throw<SdpOrigin>("the o= line is missing"), name ?? SdpError.Throw<string>("the s= line is missing"));
    }

    /// <summary>This description with media description <paramref name="index"/> replaced.</summary>
    public SessionDescription WithMedia(int index, MediaDescription replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, media.Length);
        var copy = (MediaDescription[])media.Clone();
        copy[index] = replacement;
        return new SessionDescription(sessionLines, copy, Origin, SessionName);
    }

    /// <summary>This description with another o= line (a new version for a changed description, RFC 3264 section 8).</summary>
    public SessionDescription WithOrigin(SdpOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var copy = sessionLines.Select(l => l.Type == 'o' ? origin.ToLine() : l).ToArray();
        return new SessionDescription(copy, media, origin, SessionName);
    }

    /// <summary>The description as text, every line ended with CRLF.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var line in Lines)
        {
            text.Append(line.Type).Append('=').Append(line.Value).Append("\r\n");
        }

        return text.ToString();
    }

    /// <summary>The description as UTF-8 bytes, every line ended with CRLF: the body of a SIP message.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());

    public bool Equals(SessionDescription? other)
        => other is not null && sessionLines.AsSpan().SequenceEqual(other.sessionLines) && media.AsSpan().SequenceEqual(other.media);

    public override bool Equals(object? obj) => Equals(obj as SessionDescription);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var line in Lines)
        {
            hash.Add(line);
        }

        return hash.ToHashCode();
    }
}
