namespace SimpleActors.Msrp.Imdn;

/// <summary>
/// An IMDN, the message/imdn+xml document (RFC 5438 section 7.2.1): root <c>&lt;imdn
/// xmlns="urn:ietf:params:xml:ns:imdn"&gt;</c> naming the message it reports on (<c>&lt;message-id&gt;</c> and
/// <c>&lt;datetime&gt;</c> of that message), the recipient, and one notification with its status.
/// </summary>
public sealed record ImdnDocument
{
    /// <summary>The media type of an IMDN body.</summary>
    public const string MediaType = "message/imdn+xml";

    /// <summary>The XML namespace of the document.</summary>
    public const string Namespace = "urn:ietf:params:xml:ns:imdn";

    /// <summary>The imdn.Message-ID of the message reported on.</summary>
    public required string MessageId { get; init; }

    /// <summary>The DateTime of the message reported on.</summary>
    public required DateTimeOffset DateTime { get; init; }

    /// <summary>The recipient the notification is about, or null.</summary>
    public string? RecipientUri { get; init; }

    /// <summary>The recipient the sender addressed (imdn.Original-To, RFC 5438 section 6.4), or null.</summary>
    public string? OriginalRecipientUri { get; init; }

    /// <summary>The subject of the message reported on, or null.</summary>
    public string? Subject { get; init; }

    /// <summary>Which notification: delivery, display or processing.</summary>
    public required DispositionType Disposition { get; init; }

    /// <summary>Its status; <see cref="IsValid"/> says which go with which notification.</summary>
    public required DispositionStatus Status { get; init; }

    /// <summary>True when <paramref name="status"/> may stand in a notification of <paramref name="disposition"/> (RFC 5438 section 7.2.1).</summary>
    public static bool IsValid(DispositionType disposition, DispositionStatus status) => status switch
    {
        DispositionStatus.Forbidden or DispositionStatus.Error => true,
        DispositionStatus.Delivered or DispositionStatus.Failed => disposition == DispositionType.Delivery,
        DispositionStatus.Displayed => disposition == DispositionType.Display,
        DispositionStatus.Processed or DispositionStatus.Stored => disposition == DispositionType.Processing,
        _ => false,
    };

    /// <summary>The request flag a sender sets to get this notification (RFC 5438 section 6.2).</summary>
    public static DispositionNotification RequestedBy(DispositionType disposition, DispositionStatus status) => disposition switch
    {
        DispositionType.Delivery => status == DispositionStatus.Delivered ? DispositionNotification.PositiveDelivery : DispositionNotification.NegativeDelivery,
        DispositionType.Display => DispositionNotification.Display,
        _ => DispositionNotification.Processing,
    };
}
