using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace SimpleActors.Sip.Sdp;

/// <summary>Throw helpers for SDP errors, kept out of line so the reading paths stay small.</summary>
internal static class SdpError
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(string reason, int lineNumber = 0) => throw new SdpFormatException(reason, lineNumber);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T Throw<T>(string reason, int lineNumber = 0) => throw new SdpFormatException(reason, lineNumber);
}
