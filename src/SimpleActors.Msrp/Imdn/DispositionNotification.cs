namespace SimpleActors.Msrp.Imdn;

/// <summary>
/// What a sender asks for in <c>imdn.Disposition-Notification</c> (RFC 5438 section 6.2), e.g.
/// <c>positive-delivery, negative-delivery, display</c>.
/// </summary>
[Flags]
public enum DispositionNotification
{
    /// <summary>Nothing asked for.</summary>
    None = 0,

    /// <summary><c>positive-delivery</c>: report a successful delivery.</summary>
    PositiveDelivery = 1,

    /// <summary><c>negative-delivery</c>: report a failed delivery.</summary>
    NegativeDelivery = 2,

    /// <summary><c>display</c>: report that the message was displayed.</summary>
    Display = 4,

    /// <summary><c>processing</c>: report processing by an intermediary.</summary>
    Processing = 8,
}
