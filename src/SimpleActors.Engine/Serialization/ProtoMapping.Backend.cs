using Google.Protobuf;
using SimpleActors.Engine.Rls;
using SimpleActors.Engine.Serialization.Proto;

namespace SimpleActors.Engine.Serialization;

/// <summary>Back-end subscriptions of list subscriptions (RFC 4662 section 4.2): requests, responses, NOTIFYs.</summary>
internal static partial class ProtoMapping
{
    public static SendBackendRequestData ToProto(SendBackendRequest r) => new() { Request = ToProto(r.Request) };

    public static SendBackendRequest FromProto(SendBackendRequestData d) => new(FromProto(Required(d.Request, "request")));

    public static BackendResponseData ToProto(BackendResponse r)
    {
        var data = new BackendResponseData { FromTag = r.FromTag, CallId = r.CallId, Cseq = r.CSeq, StatusCode = r.StatusCode };
        data.RecordRoutes.AddRange(r.RecordRoutes);
        if (r.Reason is { } reason)
        {
            data.Reason = reason;
        }

        if (r.ToTag is { } toTag)
        {
            data.ToTag = toTag;
        }

        if (r.Contact is { } contact)
        {
            data.Contact = contact;
        }

        if (r.Expires is { } expires)
        {
            data.Expires = expires;
        }

        if (r.MinExpires is { } minExpires)
        {
            data.MinExpires = minExpires;
        }

        if (r.RetryAfter is { } retryAfter)
        {
            data.RetryAfter = retryAfter;
        }

        return data;
    }

    public static BackendResponse FromProto(BackendResponseData d) => new(
        d.FromTag, d.CallId, d.Cseq, d.StatusCode, Opt(d.HasReason, d.Reason), Opt(d.HasToTag, d.ToTag), Opt(d.HasContact, d.Contact), [.. d.RecordRoutes],
        d.HasExpires ? d.Expires : null, d.HasMinExpires ? d.MinExpires : null, d.HasRetryAfter ? d.RetryAfter : null);

    public static BackendNotifyData ToProto(BackendNotify n)
    {
        var data = new BackendNotifyData { ToTag = n.ToTag, FromTag = n.FromTag, CallId = n.CallId, Cseq = n.CSeq, Body = ByteString.CopyFrom(n.Body) };
        data.RecordRoutes.AddRange(n.RecordRoutes);
        if (n.SubscriptionState is { } state)
        {
            data.SubscriptionState = state;
        }

        if (n.ContentType is { } contentType)
        {
            data.ContentType = contentType;
        }

        if (n.Contact is { } contact)
        {
            data.Contact = contact;
        }

        return data;
    }

    public static BackendNotify FromProto(BackendNotifyData d) => new(
        d.ToTag, d.FromTag, d.CallId, d.Cseq, Opt(d.HasSubscriptionState, d.SubscriptionState), Opt(d.HasContentType, d.ContentType), d.Body.ToByteArray(),
        Opt(d.HasContact, d.Contact), [.. d.RecordRoutes]);

    public static BackendNotifyAnswerData ToProto(BackendNotifyAnswer a)
    {
        var data = new BackendNotifyAnswerData { StatusCode = a.StatusCode };
        if (a.Reason is { } reason)
        {
            data.Reason = reason;
        }

        return data;
    }

    public static BackendNotifyAnswer FromProto(BackendNotifyAnswerData d) => new(d.StatusCode, Opt(d.HasReason, d.Reason));
}
