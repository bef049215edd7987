namespace SimpleActors.Sip.Sdp;

/// <summary>
/// What the SDP reader accepts. A SIP body is already bounded by the SIP parser's limits; these bound the work one
/// description can cause (lines kept, media sections answered) and apply to <see cref="SessionDescription.Parse(ReadOnlySpan{byte}, SdpLimits?)"/> only.
/// </summary>
public sealed record SdpLimits
{
    public static readonly SdpLimits Default = new();

    /// <summary>The whole description, in UTF-8 bytes.</summary>
    public int MaxBytes { get; init; } = 64 * 1024;

    /// <summary>Lines, session and media together (an offer with many codecs and ICE candidates has a few hundred).</summary>
    public int MaxLines { get; init; } = 2048;

    /// <summary>m= sections.</summary>
    public int MaxMediaDescriptions { get; init; } = 64;
}
