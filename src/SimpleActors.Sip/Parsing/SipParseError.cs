using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace SimpleActors.Sip.Parsing;

/// <summary>Throw helpers for parse errors, kept out of line so the hot paths stay small (the Kestrel way).</summary>
public static class SipParseError
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(int statusCode, string reason) => throw new SipParseException(statusCode, reason);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void BadRequest(string reason) => throw new SipParseException(400, reason);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T BadRequest<T>(string reason) => throw new SipParseException(400, reason);
}
