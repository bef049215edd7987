namespace SimpleActors.Sip.Sdp;

/// <summary>
/// The direction attributes <c>a=sendrecv</c>, <c>a=sendonly</c>, <c>a=recvonly</c>, <c>a=inactive</c> (RFC 8866
/// section 6.7), seen from the end that wrote them. For MSRP they say who may send messages (RFC 4975 section 8.1).
/// </summary>
[Flags]
public enum MediaDirection
{
    /// <summary>Neither sends.</summary>
    Inactive = 0,

    /// <summary>This end only sends.</summary>
    SendOnly = 1,

    /// <summary>This end only receives.</summary>
    RecvOnly = 2,

    /// <summary>Both ways; the default when no direction attribute is present.</summary>
    SendRecv = SendOnly | RecvOnly,
}

/// <summary>The tokens of <see cref="MediaDirection"/>, and the mirror an answer starts from.</summary>
internal static class MediaDirectionText
{
    public static string ToToken(this MediaDirection direction) => direction switch
    {
        MediaDirection.SendRecv => "sendrecv",
        MediaDirection.SendOnly => "sendonly",
        MediaDirection.RecvOnly => "recvonly",
        _ => "inactive",
    };

    public static bool TryParse(SdpAttribute attribute, out MediaDirection direction)
    {
        foreach (var candidate in (ReadOnlySpan<MediaDirection>)[MediaDirection.SendRecv, MediaDirection.SendOnly, MediaDirection.RecvOnly, MediaDirection.Inactive])
        {
            if (attribute.Value is null && attribute.Is(candidate.ToToken()))
            {
                direction = candidate;
                return true;
            }
        }

        direction = MediaDirection.SendRecv;
        return false;
    }

    /// <summary>The same stream seen from the other end: what one sends the other receives (RFC 3264 section 6.1).</summary>
    public static MediaDirection Mirror(this MediaDirection direction)
        => (direction.HasFlag(MediaDirection.SendOnly) ? MediaDirection.RecvOnly : 0) | (direction.HasFlag(MediaDirection.RecvOnly) ? MediaDirection.SendOnly : 0);
}
