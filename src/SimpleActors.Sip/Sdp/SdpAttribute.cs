namespace SimpleActors.Sip.Sdp;

/// <summary>
/// An attribute line, <c>a=&lt;name&gt;</c> (a flag such as <c>a=sendrecv</c>) or <c>a=&lt;name&gt;:&lt;value&gt;</c>
/// (RFC 8866 section 5.13). The name is what comes before the first colon; the value, after it, is kept as it is.
/// </summary>
#pragma warning disable CA1711 // RFC 8866's own name for an a= line, not a .NET attribute
public sealed record SdpAttribute
#pragma warning restore CA1711
{
    /// <summary>Throws <see cref="ArgumentException"/> for an empty name, a name with a colon, or CR, LF or NUL in either part.</summary>
    public SdpAttribute(string name, string? value = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsName(name))
        {
            throw new ArgumentException($"'{name}' is not an SDP attribute name", nameof(name));
        }

        if (value is not null && !SdpLine.IsValue(value))
        {
            throw new ArgumentException("An SDP attribute value cannot hold CR, LF or NUL", nameof(value));
        }

        Name = name;
        Value = value;
    }

    public string Name { get; }

    /// <summary>The text after the colon; null for a flag attribute.</summary>
    public string? Value { get; }

    /// <summary>
    /// True when this attribute is called <paramref name="name"/>. Compared without case and without surrounding
    /// whitespace: <c>a=sendrecv </c> from a careless client is still sendrecv.
    /// </summary>
    public bool Is(string name) => Name.AsSpan().Trim().Equals(name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the value of an a= line; throws <see cref="SdpFormatException"/> when the name is empty.</summary>
    public static SdpAttribute Parse(string lineValue)
    {
        ArgumentNullException.ThrowIfNull(lineValue);
        var colon = lineValue.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? lineValue : lineValue[..colon];
        if (!IsName(name) || !SdpLine.IsValue(lineValue))
        {
            SdpError.Throw("an a= line needs an attribute name");
        }

        return new SdpAttribute(name, colon < 0 ? null : lineValue[(colon + 1)..]);
    }

    public SdpLine ToLine() => new('a', ToString());

    /// <summary>The value of the a= line: <c>name</c> or <c>name:value</c>.</summary>
    public override string ToString() => Value is null ? Name : Name + ":" + Value;

    // RFC 8866 section 9: att-field = token. Read leniently: anything but empty, a colon, CR, LF or NUL (the line is kept as it came).
    private static bool IsName(ReadOnlySpan<char> name) => !name.Trim().IsEmpty && name.IndexOfAny(":\r\n\0") < 0;
}
