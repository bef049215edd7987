namespace SimpleActors.Presence.Rls;

/// <summary>What the multipart/related reader accepts; checked as the body is read.</summary>
public sealed class MultipartLimits
{
    /// <summary>The limits used when a caller passes none.</summary>
    public static MultipartLimits Default { get; } = new();

    /// <summary>The whole body in bytes.</summary>
    public int MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Parts in one multipart body, nested bodies counted separately.</summary>
    public int MaxParts { get; init; } = 2000;

    /// <summary>The header section of one part, in bytes.</summary>
    public int MaxHeaderBytes { get; init; } = 4096;

    /// <summary>Multipart bodies nested in parts (a list in a list, RFC 4662 section 5); the outer body is depth 1.</summary>
    public int MaxDepth { get; init; } = 8;

    internal void ThrowIfInvalid()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBodyBytes, 1, nameof(MaxBodyBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxParts, 1, nameof(MaxParts));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHeaderBytes, 1, nameof(MaxHeaderBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDepth, 1, nameof(MaxDepth));
    }
}
