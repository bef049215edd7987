namespace SimpleActors.Msrp.Cpim;

/// <summary>
/// Bounds on what <see cref="CpimReader"/> accepts, checked as the header lines are found, before anything is decoded.
/// The content is not limited here: its size is the transport's (the MSRP message or SIP MESSAGE body limit).
/// </summary>
public sealed record CpimLimits
{
    /// <summary>The limits the server reads peers' bodies with.</summary>
    public static CpimLimits Default { get; } = new();

    /// <summary>Message headers and MIME headers together.</summary>
    public int MaxHeaders { get; init; } = 64;

    /// <summary>One header line, its CRLF excluded (a folded MIME header counts each line).</summary>
    public int MaxLineBytes { get; init; } = 4096;

    /// <summary>Both header sections with their blank lines: everything before the content.</summary>
    public int MaxHeaderBytes { get; init; } = 16 * 1024;

    internal void ThrowIfInvalid()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHeaders, 2, nameof(MaxHeaders));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineBytes, 16, nameof(MaxLineBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHeaderBytes, 32, nameof(MaxHeaderBytes));
    }
}
