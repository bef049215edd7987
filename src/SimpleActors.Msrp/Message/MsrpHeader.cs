using System.Text;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Message;

/// <summary>
/// One header line after To-Path and From-Path: the name (canonical for the headers this library knows, as received
/// otherwise) and the value as UTF-8 bytes without the blanks around it, decoded only when asked for.
/// </summary>
public readonly struct MsrpHeader : IEquatable<MsrpHeader>
{
    internal MsrpHeader(string name, ReadOnlyMemory<byte> rawValue)
    {
        Name = name;
        RawValue = rawValue;
    }

    public string Name { get; }

    /// <summary>The value's bytes (UTF-8).</summary>
    public ReadOnlyMemory<byte> RawValue { get; }

    /// <summary>The value decoded from UTF-8. Allocates.</summary>
    public string Value => Encoding.UTF8.GetString(RawValue.Span);

    /// <summary>
    /// A header built here. The name is <c>ALPHA *token</c> (a known one is written in its canonical case); the value
    /// is text without control characters, and blanks around it are dropped, as a reader would drop them.
    /// </summary>
    public static MsrpHeader Create(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!MsrpCharacters.IsHeaderName(name))
        {
            throw new ArgumentException($"Not a header name: {name}", nameof(name));
        }

        value = value.Trim(' ', '\t');
        if (!MsrpCharacters.IsText(value))
        {
            throw new ArgumentException($"A {name} value is text without control characters", nameof(value));
        }

        return new MsrpHeader(MsrpHeaderNames.Canonical(name) ?? name, Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Same name (case-insensitive) and the same value bytes.</summary>
    public bool Equals(MsrpHeader other)
        => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase) && RawValue.Span.SequenceEqual(other.RawValue.Span);

    public override bool Equals(object? obj) => obj is MsrpHeader other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(Name ?? string.Empty), RawValue.Length);

    public override string ToString() => $"{Name}: {Value}";

    public static bool operator ==(MsrpHeader left, MsrpHeader right) => left.Equals(right);

    public static bool operator !=(MsrpHeader left, MsrpHeader right) => !left.Equals(right);
}
