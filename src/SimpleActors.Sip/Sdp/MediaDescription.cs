namespace SimpleActors.Sip.Sdp;

/// <summary>
/// One media description: its m= line and the lines after it up to the next m= (RFC 8866 section 5: i=, c=, b=, k=,
/// a=, and lines of a type we do not know, all kept in their order). Immutable; the <c>With</c> functions return a
/// changed copy and leave every other line where it was.
/// </summary>
public sealed class MediaDescription : IEquatable<MediaDescription>
{
    // lines[0] is the m= line.
    private readonly SdpLine[] lines;

    private MediaDescription(SdpMediaLine mediaLine, SdpLine[] lines)
    {
        MediaLine = mediaLine;
        this.lines = lines;
    }

    /// <summary>The m= line, read.</summary>
    public SdpMediaLine MediaLine { get; }

    /// <summary>Every line of the description, the m= line first.</summary>
    public IReadOnlyList<SdpLine> Lines => lines;

    /// <summary>The first c= line of this media description; null when there is none (the session's applies).</summary>
    public SdpConnection? Connection
        => lines.FirstOrDefault(l => l.Type == 'c') is { Value: { } value } ? SdpConnection.Parse(value) : null;

    /// <summary>The a= lines, in order.</summary>
    public IEnumerable<SdpAttribute> Attributes => lines.Where(l => l.Type == 'a').Select(l => SdpAttribute.Parse(l.Value));

    /// <summary>The first attribute called <paramref name="name"/>; null when there is none.</summary>
    public SdpAttribute? Attribute(string name) => Attributes.FirstOrDefault(a => a.Is(name));

    /// <summary>Builds a media description from its m= line and the lines that follow it.</summary>
    /// <exception cref="SdpFormatException">A line cannot stand in a media description (an m=, or a session-only type such as o= or t=), or a c= or a= line is malformed.</exception>
    public static MediaDescription Create(SdpMediaLine mediaLine, IEnumerable<SdpLine> lines)
    {
        ArgumentNullException.ThrowIfNull(mediaLine);
        ArgumentNullException.ThrowIfNull(lines);
        var all = lines.Prepend(mediaLine.ToLine()).ToArray();
        for (var i = 1; i < all.Length; i++)
        {
            Check(all[i], 0);
        }

        return new MediaDescription(mediaLine, all);
    }

    /// <summary>Reads lines[0] as the m= line and checks the rest; <paramref name="firstLineNumber"/> numbers errors.</summary>
    internal static MediaDescription Read(SdpLine[] lines, int firstLineNumber)
    {
        SdpMediaLine mediaLine;
        try
        {
            mediaLine = SdpMediaLine.Parse(lines[0].Value);
        }
        catch (SdpFormatException e)
        {
            return SdpError.Throw<MediaDescription>(e.Reason, firstLineNumber);
        }

        for (var i = 1; i < lines.Length; i++)
        {
            Check(lines[i], firstLineNumber + i);
        }

        return new MediaDescription(mediaLine, lines);
    }

    // RFC 8866 section 5: a media description holds i=, c=, b=, k= and a= lines. A letter we do not know is kept (the RFC
    // tells a parser to ignore such a description; a server passing offers on keeps it instead). A session-only type
    // here means the text is not one description, and is refused.
    private static void Check(SdpLine line, int lineNumber)
    {
        try
        {
            switch (line.Type)
            {
                case 'm':
                case 'v' or 'o' or 's' or 'u' or 'e' or 'p' or 't' or 'r' or 'z':
                    SdpError.Throw($"{line.Type}= cannot stand in a media description", lineNumber);
                    break;
                case 'c':
                    _ = SdpConnection.Parse(line.Value);
                    break;
                case 'a':
                    _ = SdpAttribute.Parse(line.Value);
                    break;
            }
        }
        catch (SdpFormatException e) when (e.LineNumber == 0 && lineNumber > 0)
        {
            SdpError.Throw(e.Reason, lineNumber);
        }
    }

    /// <summary>This description with another m= line.</summary>
    public MediaDescription WithMediaLine(SdpMediaLine mediaLine)
    {
        ArgumentNullException.ThrowIfNull(mediaLine);
        var copy = (SdpLine[])lines.Clone();
        copy[0] = mediaLine.ToLine();
        return new MediaDescription(mediaLine, copy);
    }

    /// <summary>This description with another port on its m= line.</summary>
    public MediaDescription WithPort(int port) => WithMediaLine(MediaLine.WithPort(port));

    /// <summary>
    /// This description with <paramref name="connection"/> in place of its first c= line (any further c= lines are
    /// dropped), or, without one, with a c= line inserted after the m= and i= lines (RFC 8866 order: m, i, c, b, k, a).
    /// </summary>
    public MediaDescription WithConnection(SdpConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Replace(l => l.Type == 'c', connection.ToLine(), insertAt: InsertionPoint('i'));
    }

    /// <summary>
    /// This description with <paramref name="attribute"/> in place of the first attribute of its name (later ones of that
    /// name are dropped), or appended after the last line when there is none.
    /// </summary>
    public MediaDescription WithAttribute(SdpAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        var name = attribute.Name.Trim();
        return Replace(l => l.Type == 'a' && SdpAttribute.Parse(l.Value).Is(name), attribute.ToLine(), insertAt: lines.Length);
    }

    /// <summary>This description without any attribute called <paramref name="name"/>.</summary>
    public MediaDescription WithoutAttribute(string name)
        => new(MediaLine, lines.Where((l, i) => i == 0 || l.Type != 'a' || !SdpAttribute.Parse(l.Value).Is(name)).ToArray());

    /// <summary>This description with <paramref name="extra"/> appended after its last line.</summary>
    public MediaDescription Append(SdpLine extra)
    {
        Check(extra, 0);
        return new MediaDescription(MediaLine, [.. lines, extra]);
    }

    private MediaDescription Replace(Func<SdpLine, bool> match, SdpLine replacement, int insertAt)
    {
        var result = new List<SdpLine>(lines.Length + 1);
        var replaced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0 && match(lines[i]))
            {
                if (!replaced)
                {
                    result.Add(replacement);
                    replaced = true;
                }

                continue;
            }

            result.Add(lines[i]);
        }

        if (!replaced)
        {
            result.Insert(insertAt, replacement);
        }

        return new MediaDescription(MediaLine, result.ToArray());
    }

    // After the m= line and the lines of the given types that come before the new one in RFC 8866 order.
    private int InsertionPoint(char before)
    {
        var at = 1;
        while (at < lines.Length && lines[at].Type == before)
        {
            at++;
        }

        return at;
    }

    public bool Equals(MediaDescription? other) => other is not null && lines.AsSpan().SequenceEqual(other.lines);

    public override bool Equals(object? obj) => Equals(obj as MediaDescription);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var line in lines)
        {
            hash.Add(line);
        }

        return hash.ToHashCode();
    }

    /// <summary>The lines, each ended with CRLF.</summary>
    public override string ToString() => string.Concat(lines.Select(l => l + "\r\n"));
}
