using Google.Protobuf;
using SimpleActors.Engine.Dialogs;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Serialization.Proto;
using SimpleActors.Engine.Subscription;
using SimpleActors.Sip.Dialogs;

namespace SimpleActors.Engine.Serialization;

/// <summary>The Subscription's records, the Presentity's watchers and the dialog requests, and their protobuf schemas.</summary>
internal static partial class ProtoMapping
{
    private static string? Opt(bool has, string value) => has ? value : null;

    public static WatcherChangeData Change(string aor, string subscriptionId, string text, DateTimeOffset at, RequestRef? request = null)
    {
        var data = new WatcherChangeData { Aor = aor, SubscriptionId = subscriptionId, WatcherOrReason = text, AtTicks = Ticks(at) };
        if (request is not null)
        {
            data.Request = ToProto(request);
        }

        return data;
    }

    public static WatcherChangeData Change(
        string aor, string subscriptionId, string watcher, DateTimeOffset at, string package, SubscriptionStatus status, DateTimeOffset expiresAt,
        RequestRef? request)
    {
        var data = Change(aor, subscriptionId, watcher, at, request);
        data.Package = package;
        data.Status = (int)status;
        data.ExpiresAtTicks = Ticks(expiresAt);
        return data;
    }

    /// <summary>The request a watcher change carries; absent for changes no request caused (and those written before).</summary>
    public static RequestRef? RequestOf(WatcherChangeData d) => d.Request is null ? null : FromProto(d.Request);

    /// <summary>The status a watcher change carries; absent (written before statuses were) stands for active.</summary>
    public static SubscriptionStatus StatusOf(WatcherChangeData d) => d.HasStatus ? (SubscriptionStatus)d.Status : SubscriptionStatus.Active;

    public static WatcherInfoData ToProto(string subscriptionId, string presentity, IReadOnlyList<WatcherState> watchers)
    {
        var data = new WatcherInfoData { SubscriptionId = subscriptionId, Presentity = presentity };
        data.Watchers.AddRange(watchers.Select(w => new WatcherStateData
        {
            SubscriptionId = w.SubscriptionId, Watcher = w.Watcher, Status = (int)w.Status, Event = (int)w.Event, SinceTicks = Ticks(w.Since),
        }));
        return data;
    }

    public static IReadOnlyList<WatcherState> FromProto(IEnumerable<WatcherStateData> watchers) =>
    [
        .. watchers.Select(w => new WatcherState(
            w.SubscriptionId, w.Watcher, (SimpleActors.Presence.WatcherStatus)w.Status, (SimpleActors.Presence.WatcherEvent)w.Event, Time(w.SinceTicks))),
    ];

    public static PresenceDocumentData ToProto(PresenceDocument d)
    {
        var data = new PresenceDocumentData { Aor = d.Aor, Version = d.Version, Body = ByteString.CopyFrom(d.Body) };
        if (d.Decision is { } decision)
        {
            data.Decision = (int)decision;
        }

        if (d.Digest is not null)
        {
            data.Digest = d.Digest;
        }

        if (d.SubscriptionId is not null)
        {
            data.SubscriptionId = d.SubscriptionId;
        }

        return data;
    }

    public static PresenceDocument FromProto(PresenceDocumentData d) =>
        new(d.Aor, d.Version, d.Body.ToByteArray(), d.HasDecision ? (AuthorizationDecision)d.Decision : null, d.HasDigest ? d.Digest : null,
            d.HasSubscriptionId ? d.SubscriptionId : null);

    public static WatcherDecisionData Decision(string aor, string watcher, AuthorizationDecision decision, string? by, DateTimeOffset at)
    {
        var data = new WatcherDecisionData { Aor = aor, Watcher = watcher, Decision = (int)decision, AtTicks = Ticks(at) };
        if (by is not null)
        {
            data.By = by;
        }

        return data;
    }

    public static SubscribeData ToProto(Subscribe c)
    {
        var data = new SubscribeData
        {
            SubscriptionId = c.SubscriptionId,
            Repeat = c.Repeat,
            Partial = c.Partial,
            Presentity = c.Presentity,
            Watcher = c.Watcher,
            WatcherTag = c.WatcherTag,
            CallId = c.CallId,
            Cseq = c.CSeq,
            RemoteTarget = c.RemoteTarget,
            Flow = ToProto(c.Flow),
            Initial = c.Initial,
            AtTicks = Ticks(c.At),
            Package = c.Package,
        };
        data.RouteSet.AddRange(c.RouteSet);
        if (c.EventId is { } id)
        {
            data.EventId = id;
        }

        if (c.HeaderExpires is { } expires)
        {
            data.HeaderExpires = expires;
        }

        if (c.Identity is { } identity)
        {
            data.Identity = identity;
        }

        data.Documents = ToProto(c.Documents);
        data.List = ToProto(c.List);
        return data;
    }

    public static Subscribe FromProto(SubscribeData d) => new(
        d.SubscriptionId, d.Presentity, Opt(d.HasEventId, d.EventId), d.Watcher, d.WatcherTag, d.CallId, d.Cseq, d.RemoteTarget,
        [.. d.RouteSet], FromProto(d.Flow), d.HasHeaderExpires ? d.HeaderExpires : null, d.Initial, Opt(d.HasIdentity, d.Identity),
        Time(d.AtTicks), EventPackages.OrPresence(d.Package)) { Repeat = d.Repeat, Documents = FromProto(d.Documents), List = FromProto(d.List), Partial = d.Partial };

    public static WatchedDocumentsData? ToProto(WatchedDocuments? documents)
    {
        if (documents is null)
        {
            return null;
        }

        var data = new WatchedDocumentsData { Root = documents.Root };
        data.Selectors.AddRange(documents.Selectors);
        if (documents.DiffProcessing is { } processing)
        {
            data.DiffProcessing = processing;
        }

        return data;
    }

    public static WatchedDocuments? FromProto(WatchedDocumentsData? d) =>
        d is null ? null : new WatchedDocuments(d.Root, [.. d.Selectors], Opt(d.HasDiffProcessing, d.DiffProcessing));

    public static XcapDocumentsData ToProto(string subscriptionId, string presentity, IReadOnlyList<XcapDocumentVersion> documents)
    {
        var data = new XcapDocumentsData { SubscriptionId = subscriptionId, Presentity = presentity };
        foreach (var version in documents)
        {
            var entry = new XcapDocumentVersionData { Selector = version.Selector };
            if (version.PreviousETag is { } previous)
            {
                entry.PreviousEtag = previous;
            }

            if (version.ETag is { } etag)
            {
                entry.Etag = etag;
            }

            entry.Patch.AddRange(version.Patch);
            data.Documents.Add(entry);
        }

        return data;
    }

    public static IReadOnlyList<XcapDocumentVersion> FromProto(XcapDocumentsData d) =>
        [.. d.Documents.Select(v => new XcapDocumentVersion(v.Selector, Opt(v.HasPreviousEtag, v.PreviousEtag), Opt(v.HasEtag, v.Etag), [.. v.Patch]))];

    public static SubscribeResultData ToProto(SubscribeResult r)
    {
        var data = new SubscribeResultData { StatusCode = r.StatusCode, Expires = r.Expires, EventList = r.EventList };
        if (r.Reason is { } reason)
        {
            data.Reason = reason;
        }

        if (r.MinExpires is { } min)
        {
            data.MinExpires = min;
        }

        return data;
    }

    public static SubscribeResult FromProto(SubscribeResultData d) =>
        new(d.StatusCode, Opt(d.HasReason, d.Reason), d.Expires, d.HasMinExpires ? d.MinExpires : null) { EventList = d.EventList };

    public static PresenceChangedData ToProto(PresenceChanged c)
    {
        var data = new PresenceChangedData
        {
            SubscriptionId = c.SubscriptionId, Presentity = c.Presentity, Version = c.Version, Document = ByteString.CopyFrom(c.Document),
        };
        if (c.Digest is not null)
        {
            data.Digest = c.Digest;
        }

        return data;
    }

    public static PresenceChanged FromProto(PresenceChangedData d) =>
        new(d.SubscriptionId, d.Presentity, d.Version, d.Document.ToByteArray(), d.HasDigest ? d.Digest : null);

    public static SubscriptionCreatedData ToProto(SubscriptionCreated e)
    {
        var data = new SubscriptionCreatedData
        {
            SubscriptionId = e.SubscriptionId,
            Presentity = e.Presentity,
            Watcher = e.Watcher,
            WatcherTag = e.WatcherTag,
            CallId = e.CallId,
            Cseq = e.CSeq,
            RemoteTarget = e.RemoteTarget,
            Flow = ToProto(e.Flow),
            ExpiresAtTicks = Ticks(e.ExpiresAt),
            Status = (int)e.Status,
            AtTicks = Ticks(e.At),
            Package = e.Package,
            CseqReserved = e.CSeqReserved,
            Partial = e.Partial,
        };
        data.RouteSet.AddRange(e.RouteSet);
        if (e.EventId is { } id)
        {
            data.EventId = id;
        }

        if (e.Identity is { } identity)
        {
            data.Identity = identity;
        }

        data.Documents = ToProto(e.Documents);
        data.List = ToProto(e.List);
        return data;
    }

    public static SubscriptionCreated FromProto(SubscriptionCreatedData d) => new(
        d.SubscriptionId, d.Presentity, Opt(d.HasEventId, d.EventId), d.Watcher, d.WatcherTag, d.CallId, d.Cseq, d.RemoteTarget,
        [.. d.RouteSet], FromProto(d.Flow), Time(d.ExpiresAtTicks), (SubscriptionStatus)d.Status, Opt(d.HasIdentity, d.Identity),
        Time(d.AtTicks), EventPackages.OrPresence(d.Package), d.CseqReserved, FromProto(d.Documents), FromProto(d.List), d.Partial);

    public static SubscriptionRefreshedData ToProto(SubscriptionRefreshed e)
    {
        var data = new SubscriptionRefreshedData
        {
            SubscriptionId = e.SubscriptionId, Cseq = e.CSeq, ExpiresAtTicks = Ticks(e.ExpiresAt), Flow = ToProto(e.Flow), AtTicks = Ticks(e.At),
        };
        if (e.Identity is { } identity)
        {
            data.Identity = identity;
        }

        if (e.RemoteTarget is { } target)
        {
            data.RemoteTarget = target;
        }

        return data;
    }

    public static SubscriptionRefreshed FromProto(SubscriptionRefreshedData d) =>
        new(d.SubscriptionId, d.Cseq, Time(d.ExpiresAtTicks), FromProto(d.Flow), Opt(d.HasIdentity, d.Identity), Time(d.AtTicks),
            Opt(d.HasRemoteTarget, d.RemoteTarget));

    public static NotifyIssuedData ToProto(NotifyIssued e) =>
        new()
        {
            SubscriptionId = e.SubscriptionId, Cseq = e.CSeq, Version = e.Version, Status = (int)e.Status, AtTicks = Ticks(e.At),
            ReservedUpTo = e.ReservedUpTo,
            BodyDigest = e.BodyDigest is null ? ByteString.Empty : ByteString.CopyFrom(Convert.FromHexString(e.BodyDigest)),
        };

    public static NotifyIssued FromProto(NotifyIssuedData d) =>
        new(d.SubscriptionId, d.Cseq, d.Version, (SubscriptionStatus)d.Status, Time(d.AtTicks), d.ReservedUpTo,
            d.BodyDigest.IsEmpty ? null : Convert.ToHexStringLower(d.BodyDigest.Span));

    public static SubscriptionTerminatedData ToProto(SubscriptionTerminated e) =>
        new() { SubscriptionId = e.SubscriptionId, Reason = e.Reason, Notify = e.Notify, AtTicks = Ticks(e.At) };

    public static SubscriptionTerminated FromProto(SubscriptionTerminatedData d) => new(d.SubscriptionId, d.Reason, d.Notify, Time(d.AtTicks));

    public static SubscriptionStateData ToProto(SubscriptionState s)
    {
        var data = new SubscriptionStateData
        {
            SubscriptionId = s.SubscriptionId,
            ExpiresAtTicks = Ticks(s.ExpiresAt),
            Status = (int)s.Status,
            NotifiedVersion = s.NotifiedVersion,
            Polite = s.Polite,
            Package = s.Package,
            CseqReserved = s.CSeqReserved,
            Partial = s.Partial,
        };
        if (s.Dialog is { } dialog)
        {
            // The dialog keeps the fields it had before it was one value, so every snapshot reads the same.
            data.Presentity = dialog.LocalUri;
            data.Watcher = dialog.RemoteUri;
            data.WatcherTag = dialog.RemoteTag;
            data.CallId = dialog.CallId;
            data.RemoteTarget = dialog.RemoteTarget;
            data.RouteSet.AddRange(dialog.RouteSet);
            data.RemoteCseq = dialog.RemoteCSeq;
            data.LocalCseq = dialog.LocalCSeq;
            data.Secure = dialog.Secure;
            if (dialog.Flow is { } flow)
            {
                data.Flow = ToProto(flow);
            }
        }

        if (s.EventId is { } id)
        {
            data.EventId = id;
        }

        if (s.Reason is { } reason)
        {
            data.Reason = reason;
        }

        data.Documents = ToProto(s.Documents);
        data.List = ToProto(s.List);
        return data;
    }

    public static SubscriptionState FromProto(SubscriptionStateData d) => new(
        d.SubscriptionId,
        d.CallId.Length == 0
            ? null
            : new Dialog(
                d.CallId, d.Presentity, d.SubscriptionId, d.Watcher, d.WatcherTag, d.RemoteTarget, [.. d.RouteSet], d.LocalCseq, d.RemoteCseq,
                d.Secure, d.Flow is null ? null : FromProto(d.Flow)),
        Opt(d.HasEventId, d.EventId),
        Time(d.ExpiresAtTicks),
        (SubscriptionStatus)d.Status,
        d.NotifiedVersion,
        Opt(d.HasReason, d.Reason),
        d.Polite,
        EventPackages.OrPresence(d.Package),
        d.CseqReserved)
    {
        Documents = FromProto(d.Documents),
        List = FromProto(d.List),
        Partial = d.Partial,
    };

    public static SendDialogRequestData ToProto(SendDialogRequest r) =>
        new() { Request = ToProto(r.Request), Flow = ToProto(r.Flow), Correlation = r.Correlation };

    public static SendDialogRequest FromProto(SendDialogRequestData d) => new(FromProto(d.Request), FromProto(d.Flow), d.Correlation);

    public static OutgoingRequestData ToProto(OutgoingRequest r)
    {
        var data = new OutgoingRequestData
        {
            Method = r.Method, RequestUri = r.RequestUri, From = r.From, To = r.To, CallId = r.CallId, Cseq = r.CSeq, Body = ByteString.CopyFrom(r.Body.Span),
        };
        data.Routes.AddRange(r.Routes);
        data.Headers.AddRange(r.Headers.Select(h => new HeaderData { Name = h.Key, Value = h.Value }));
        if (r.ContentType is { } type)
        {
            data.ContentType = type;
        }

        return data;
    }

    public static OutgoingRequest FromProto(OutgoingRequestData d) => new(
        d.Method, d.RequestUri, [.. d.Routes], d.From, d.To, d.CallId, d.Cseq, [.. d.Headers.Select(h => KeyValuePair.Create(h.Name, h.Value))],
        Opt(d.HasContentType, d.ContentType), d.Body.ToByteArray());

    public static DialogRequestOutcomeData ToProto(DialogRequestOutcome o)
    {
        var data = new DialogRequestOutcomeData { Correlation = o.Correlation, StatusCode = o.StatusCode };
        if (o.Reason is { } reason)
        {
            data.Reason = reason;
        }

        return data;
    }

    public static DialogRequestOutcome FromProto(DialogRequestOutcomeData d) => new(d.Correlation, d.StatusCode, Opt(d.HasReason, d.Reason));
}
