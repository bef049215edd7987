using System.Buffers;

namespace SimpleActors.Sip.Parsing;

/// <summary>Byte classes of the SIP grammar (RFC 3261 section 25.1) for the wire parser.</summary>
internal static class SipCharacters
{
    // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    private static readonly SearchValues<byte> TokenBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~"u8);

    public static bool IsToken(byte b) => TokenBytes.Contains(b);

    public static bool IsToken(ReadOnlySpan<byte> bytes) => !bytes.IsEmpty && !bytes.ContainsAnyExcept(TokenBytes);
}
