using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace SimpleActors.Presence;

/// <summary>Throw helpers for rejected documents, kept out of line so the readers stay small.</summary>
internal static class PresenceDocumentError
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(string reason) => throw new PresenceDocumentException(reason);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T Throw<T>(string reason) => throw new PresenceDocumentException(reason);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(string reason, Exception inner) => throw new PresenceDocumentException(reason, inner);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T Throw<T>(string reason, Exception inner) => throw new PresenceDocumentException(reason, inner);

    /// <summary>A model handed to a writer breaks a rule the reader enforces: the caller's mistake.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void InvalidModel(string reason) => throw new ArgumentException(reason);
}
