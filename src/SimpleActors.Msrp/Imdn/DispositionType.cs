namespace SimpleActors.Msrp.Imdn;

/// <summary>The kinds of disposition an IMDN reports (RFC 5438 section 5), one notification element each.</summary>
public enum DispositionType
{
    /// <summary>&lt;delivery-notification&gt;: the message reached (or failed to reach) the recipient.</summary>
    Delivery,

    /// <summary>&lt;display-notification&gt;: the message was rendered to the user.</summary>
    Display,

    /// <summary>&lt;processing-notification&gt;: an intermediary processed (or stored) the message.</summary>
    Processing,
}
