using System.Text;

namespace SimpleActors.Sip.Message;

/// <summary>
/// One header field row as it stands in a message: which header it is, its name as received (kept for
/// unknown headers, which are written back verbatim) and its value as bytes. Values are unfolded and
/// trimmed of surrounding whitespace (RFC 3261 section 7.3.1) but otherwise untouched; they are decoded
/// to a string only when asked for.
/// </summary>
public readonly struct HeaderField : IEquatable<HeaderField>
{
    private readonly ReadOnlyMemory<byte> rawName;

    internal HeaderField(KnownHeader id, ReadOnlyMemory<byte> rawName, ReadOnlyMemory<byte> rawValue)
    {
        Id = id;
        this.rawName = rawName;
        RawValue = rawValue;
    }

    /// <summary>The header, or <see cref="KnownHeader.Unknown"/>.</summary>
    public KnownHeader Id { get; }

    /// <summary>The canonical name of a known header; the name as received for an unknown one.</summary>
    public string Name => Id == KnownHeader.Unknown ? Encoding.ASCII.GetString(rawName.Span) : HeaderNames.GetName(Id);

    /// <summary>The bytes of the name that is written: canonical for known headers, verbatim otherwise.</summary>
    public ReadOnlySpan<byte> NameBytes => Id == KnownHeader.Unknown ? rawName.Span : HeaderNames.GetNameBytes(Id);

    /// <summary>The value's bytes (UTF-8).</summary>
    public ReadOnlyMemory<byte> RawValue { get; }

    /// <summary>The value decoded from UTF-8. Allocates; cache it if it is read often.</summary>
    public string Value => Encoding.UTF8.GetString(RawValue.Span);

    public bool Equals(HeaderField other)
        => Id == other.Id
           && (Id != KnownHeader.Unknown || NameBytes.SequenceEqual(other.NameBytes))
           && RawValue.Span.SequenceEqual(other.RawValue.Span);

    public override bool Equals(object? obj) => obj is HeaderField other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Id, RawValue.Length);

    public override string ToString() => $"{Name}: {Value}";

    public static bool operator ==(HeaderField left, HeaderField right) => left.Equals(right);

    public static bool operator !=(HeaderField left, HeaderField right) => !left.Equals(right);

    /// <summary>A field the server builds; the value is encoded to UTF-8 now.</summary>
    public static HeaderField Create(KnownHeader id, string value)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(id, KnownHeader.Unknown);
        return new HeaderField(id, ReadOnlyMemory<byte>.Empty, Encoding.UTF8.GetBytes(value));
    }

    /// <summary>A field the server builds by name; known names map to their <see cref="KnownHeader"/>.</summary>
    public static HeaderField Create(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var id = HeaderNames.Lookup(name);
        var nameBytes = id == KnownHeader.Unknown ? Encoding.ASCII.GetBytes(name) : ReadOnlyMemory<byte>.Empty;
        return new HeaderField(id, nameBytes, Encoding.UTF8.GetBytes(value));
    }
}
