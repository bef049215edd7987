namespace SimpleActors.Sip.Sdp;

/// <summary>
/// The media line that opens a media description, <c>m=&lt;media&gt; &lt;port&gt;[/&lt;number of ports&gt;] &lt;proto&gt; &lt;fmt&gt; ...</c>
/// (RFC 8866 section 5.14). For MSRP: <c>m=message 7394 TCP/MSRP *</c> (RFC 4975 section 8.1).
/// </summary>
public sealed class SdpMediaLine
{
    private readonly string[] formats;

    /// <summary>Throws <see cref="ArgumentException"/> for an empty or spaced field or a port out of 0..65535.</summary>
    public SdpMediaLine(string media, int port, string proto, IEnumerable<string> formats, int? portCount = null)
    {
        ArgumentNullException.ThrowIfNull(formats);
        this.formats = formats.ToArray();
        if (!SdpFields.IsField(media) || !SdpFields.IsField(proto) || !this.formats.All(SdpFields.IsField))
        {
            throw new ArgumentException("An m= field is empty or holds whitespace");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        if (portCount is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(portCount));
        }

        Media = media;
        Port = port;
        Proto = proto;
        PortCount = portCount;
    }

    /// <summary><c>audio</c>, <c>video</c>, <c>text</c>, <c>application</c>, <c>message</c> ...</summary>
    public string Media { get; }

    /// <summary>The transport port; 0 marks a stream rejected or removed (RFC 3264 sections 6 and 8.2).</summary>
    public int Port { get; }

    /// <summary>The <c>/&lt;number of ports&gt;</c> after the port; null when absent.</summary>
    public int? PortCount { get; }

    /// <summary><c>RTP/AVP</c>, <c>TCP/MSRP</c>, <c>TCP/TLS/MSRP</c> ...</summary>
    public string Proto { get; }

    /// <summary>The media formats (<c>*</c> for MSRP). Read leniently: a real client's m= line without any is accepted.</summary>
    public IReadOnlyList<string> Formats => formats;

    /// <summary>This line with another port.</summary>
    public SdpMediaLine WithPort(int port) => new(Media, port, Proto, formats, PortCount);

    /// <summary>Reads the value of an m= line; throws <see cref="SdpFormatException"/> for a bad one.</summary>
    public static SdpMediaLine Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var fields = SdpFields.Split(value);
        if (fields.Length < 3 || !SdpLine.IsValue(value))
        {
            SdpError.Throw("m= needs at least: media port proto");
        }

        var port = fields[1];
        int? count = null;
        var slash = port.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!SdpFields.TryParseNumber(port[(slash + 1)..], 5, out var n) || n < 1)
            {
                SdpError.Throw("m= has a bad number of ports");
            }

            count = (int)n;
            port = port[..slash];
        }

        if (!SdpFields.TryParseNumber(port, 5, out var number) || number > 65535)
        {
            SdpError.Throw("m= has a bad port");
        }

        return new SdpMediaLine(fields[0], (int)number, fields[2], fields[3..], count);
    }

    public SdpLine ToLine() => new('m', ToString());

    public override string ToString()
    {
        var port = PortCount is { } count ? $"{Port}/{count}" : Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return formats.Length == 0 ? $"{Media} {port} {Proto}" : $"{Media} {port} {Proto} {string.Join(' ', formats)}";
    }
}
