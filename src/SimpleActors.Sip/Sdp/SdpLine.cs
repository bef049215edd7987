namespace SimpleActors.Sip.Sdp;

/// <summary>
/// One line of a session description, <c>&lt;type&gt;=&lt;value&gt;</c> (RFC 8866 section 5): a lower-case letter and
/// the text after the <c>=</c>, kept exactly (a leading space too, as in RFC 4975's <c>s= -</c>).
/// </summary>
public readonly record struct SdpLine
{
    /// <summary>Throws <see cref="ArgumentException"/> for a type other than a-z or a value holding CR, LF or NUL.</summary>
    public SdpLine(char type, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsType(type))
        {
            throw new ArgumentException($"'{type}' is not an SDP line type (a-z)", nameof(type));
        }

        if (!IsValue(value))
        {
            throw new ArgumentException("An SDP value cannot hold CR, LF or NUL", nameof(value));
        }

        Type = type;
        Value = value;
    }

    public char Type { get; }

    public string Value { get; }

    /// <summary>The line as written, without its CRLF.</summary>
    public override string ToString() => Type + "=" + Value;

    // RFC 8866 section 9: type = %x61-7A; text = byte-string (any byte but NUL, CR and LF).
    internal static bool IsType(char c) => c is >= 'a' and <= 'z';

    internal static bool IsValue(ReadOnlySpan<char> value) => value.IndexOfAny('\r', '\n', '\0') < 0;
}
