namespace SimpleActors.Msrp.Imdn;

/// <summary>
/// The status inside an IMDN's notification (RFC 5438 section 7.2.1): delivered and failed for delivery, displayed for
/// display, processed and stored for processing, forbidden and error for any of them.
/// </summary>
public enum DispositionStatus
{
    /// <summary>&lt;delivered/&gt;.</summary>
    Delivered,

    /// <summary>&lt;failed/&gt;.</summary>
    Failed,

    /// <summary>&lt;displayed/&gt;.</summary>
    Displayed,

    /// <summary>&lt;processed/&gt;.</summary>
    Processed,

    /// <summary>&lt;stored/&gt;.</summary>
    Stored,

    /// <summary>&lt;forbidden/&gt;: policy forbids the notification (any type).</summary>
    Forbidden,

    /// <summary>&lt;error/&gt;: the disposition could not be established (any type).</summary>
    Error,
}
