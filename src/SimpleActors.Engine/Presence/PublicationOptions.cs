namespace SimpleActors.Engine.Presence;

/// <summary>The expiry limits of publications (RFC 3903 section 6 steps 2-3; the <c>Presence</c> configuration section).</summary>
public sealed class PublicationOptions
{
    /// <summary>The expiry of a PUBLISH without Expires (RFC 3903 section 4.1 leaves it to the package; 3600 s for presence, RFC 3856 section 6.4).</summary>
    public int DefaultExpires { get; set; } = 3600;

    /// <summary>A shorter non-zero Expires is refused with 423 and Min-Expires.</summary>
    public int MinExpires { get; set; } = 60;

    /// <summary>A longer Expires is lowered to this.</summary>
    public int MaxExpires { get; set; } = 86400;
}
