using SimpleActors.Engine.Serialization;
using SimpleActors.Engine.Subscription;
using SimpleActors.Sip.Dialogs;

namespace SimpleActors.Engine.Rls;

/// <summary>
/// A back-end SUBSCRIBE to send (RFC 4662 section 4.2), as data: the edge adds Via, Max-Forwards and Contact, sends it to
/// its first Route, else to its Request-URI's host (an IP address, or the host's A records, default port: the part of
/// RFC 3263 section 4.2 without NAPTR and SRV), and answers with a <see cref="BackendResponse"/>.
/// </summary>
public sealed record SendBackendRequest(OutgoingRequest Request) : IEngineSerializable;

/// <summary>
/// The final response to a back-end SUBSCRIBE (408 when the transaction timed out, 503 when no address or transport
/// answered), with what a 2xx forms the dialog from (RFC 3261 section 12.1.2) and what a 423 or 503 asks. It goes to
/// the list subscription that our From-tag (<see cref="BackendTag"/>) names.
/// </summary>
/// <param name="RecordRoutes">The response's Record-Route values, in the response's order.</param>
public sealed record BackendResponse(
    string FromTag,
    string CallId,
    uint CSeq,
    int StatusCode,
    string? Reason,
    string? ToTag,
    string? Contact,
    IReadOnlyList<string> RecordRoutes,
    int? Expires,
    int? MinExpires,
    int? RetryAfter) : ISubscriptionMessage
{
    public string SubscriptionId => BackendTag.TryParse(FromTag, out var id) ? id : FromTag;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public bool Equals(BackendResponse? other) =>
        other is not null && FromTag == other.FromTag && CallId == other.CallId && CSeq == other.CSeq && StatusCode == other.StatusCode
        && Reason == other.Reason && ToTag == other.ToTag && Contact == other.Contact && RecordRoutes.SequenceEqual(other.RecordRoutes)
        && Expires == other.Expires && MinExpires == other.MinExpires && RetryAfter == other.RetryAfter;

    public override int GetHashCode() => HashCode.Combine(FromTag, CallId, CSeq, StatusCode);
}

/// <summary>
/// A NOTIFY of a back-end subscription (RFC 6665 section 4.1.3): its To-tag is our From-tag (<see cref="BackendTag"/>).
/// The list subscription answers with a <see cref="BackendNotifyAnswer"/>, which the edge sends.
/// </summary>
/// <param name="FromTag">The notifier's tag (the dialog's remote tag; a NOTIFY may come before the 2xx, RFC 6665 section 4.1.2.4).</param>
/// <param name="SubscriptionState">The Subscription-State header field as received; null when it is missing.</param>
/// <param name="Contact">The NOTIFY's Contact URI (the dialog's remote target).</param>
/// <param name="RecordRoutes">The NOTIFY's Record-Route values in order (the route set when the NOTIFY forms the dialog).</param>
public sealed record BackendNotify(
    string ToTag,
    string FromTag,
    string CallId,
    uint CSeq,
    string? SubscriptionState,
    string? ContentType,
    byte[] Body,
    string? Contact,
    IReadOnlyList<string> RecordRoutes) : ISubscriptionMessage
{
    public string SubscriptionId => BackendTag.TryParse(ToTag, out var id) ? id : ToTag;

    public bool Equals(BackendNotify? other) =>
        other is not null && ToTag == other.ToTag && FromTag == other.FromTag && CallId == other.CallId && CSeq == other.CSeq
        && SubscriptionState == other.SubscriptionState && ContentType == other.ContentType && Body.AsSpan().SequenceEqual(other.Body)
        && Contact == other.Contact && RecordRoutes.SequenceEqual(other.RecordRoutes);

    public override int GetHashCode() => HashCode.Combine(ToTag, CallId, CSeq);
}

/// <summary>What the edge answers a <see cref="BackendNotify"/>: 200, 481 for no such back-end dialog (RFC 6665 section 4.1.3), 400, 500.</summary>
public sealed record BackendNotifyAnswer(int StatusCode, string? Reason) : IEngineSerializable;
