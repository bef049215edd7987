using System.Collections.Immutable;
using System.Runtime.Serialization;
using Google.Protobuf;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Serialization.Proto;
using SimpleActors.Engine.Subscription;

namespace SimpleActors.Engine.Serialization;

/// <summary>The Presentity's records and their protobuf schemas (presence.proto).</summary>
internal static partial class ProtoMapping
{
    public static PublicationData ToProto(Publication publication)
    {
        var data = new PublicationData
        {
            Etag = publication.ETag,
            ContentType = publication.ContentType,
            Body = ByteString.CopyFrom(publication.Body),
            PublishedAtTicks = Ticks(publication.PublishedAt),
            ExpiresAtTicks = Ticks(publication.ExpiresAt),
            CallId = publication.CallId,
            Cseq = publication.CSeq,
        };
        if (publication.Identity is { } identity)
        {
            data.Identity = identity;
        }

        if (publication.Version is { } version)
        {
            data.PidfVersion = version;
        }

        return data;
    }

    public static Publication FromProto(PublicationData? data)
    {
        if (data is null)
        {
            throw new SerializationException("A presence event lacks its publication.");
        }

        return new Publication(
            data.Etag, data.ContentType, data.Body.ToByteArray(), Time(data.PublishedAtTicks), Time(data.ExpiresAtTicks),
            data.CallId, data.Cseq, data.HasIdentity ? data.Identity : null)
        {
            Version = data.HasPidfVersion ? data.PidfVersion : null,
        };
    }

    public static PublishData ToProto(Publish command)
    {
        var data = new PublishData
        {
            Aor = command.Aor,
            NewEtag = command.NewETag,
            CallId = command.CallId,
            Cseq = command.CSeq,
            AtTicks = Ticks(command.At),
        };
        if (command.IfMatch is { } ifMatch)
        {
            data.IfMatch = ifMatch;
        }

        if (command.HeaderExpires is { } expires)
        {
            data.HeaderExpires = expires;
        }

        if (command.ContentType is { } contentType)
        {
            data.ContentType = contentType;
        }

        if (command.Body is { } body)
        {
            data.Body = ByteString.CopyFrom(body);
        }

        if (command.Identity is { } identity)
        {
            data.Identity = identity;
        }

        return data;
    }

    public static Publish FromProto(PublishData data) => new(
        data.Aor,
        data.HasIfMatch ? data.IfMatch : null,
        data.HasHeaderExpires ? data.HeaderExpires : null,
        data.HasContentType ? data.ContentType : null,
        data.HasBody ? data.Body.ToByteArray() : null,
        data.NewEtag,
        data.CallId,
        data.Cseq,
        data.HasIdentity ? data.Identity : null,
        Time(data.AtTicks));

    public static PublishResultData ToProto(PublishResult result)
    {
        var data = new PublishResultData { StatusCode = result.StatusCode, Expires = result.Expires };
        if (result.Reason is { } reason)
        {
            data.Reason = reason;
        }

        if (result.ETag is { } etag)
        {
            data.Etag = etag;
        }

        if (result.MinExpires is { } minExpires)
        {
            data.MinExpires = minExpires;
        }

        if (result.PatchError is { } error)
        {
            data.PatchError = ByteString.CopyFrom(error);
        }

        return data;
    }

    public static PublishResult FromProto(PublishResultData data) => new(
        data.StatusCode, data.HasReason ? data.Reason : null, data.HasEtag ? data.Etag : null, data.Expires,
        data.HasMinExpires ? data.MinExpires : null)
    {
        PatchError = data.HasPatchError ? data.PatchError.ToByteArray() : null,
    };

    public static PublicationAddedData ToProto(PublicationAdded e) =>
        new() { Aor = e.Aor, Publication = ToProto(e.Publication), AtTicks = Ticks(e.At) };

    public static PublicationAdded FromProto(PublicationAddedData data) =>
        new(data.Aor, FromProto(data.Publication), Time(data.AtTicks));

    public static PublicationRefreshedData ToProto(PublicationRefreshed e)
    {
        var data = new PublicationRefreshedData
        {
            Aor = e.Aor,
            OldEtag = e.OldETag,
            NewEtag = e.NewETag,
            ExpiresAtTicks = Ticks(e.ExpiresAt),
            CallId = e.CallId,
            Cseq = e.CSeq,
            AtTicks = Ticks(e.At),
        };
        if (e.Identity is { } identity)
        {
            data.Identity = identity;
        }

        return data;
    }

    public static PublicationRefreshed FromProto(PublicationRefreshedData data) => new(
        data.Aor, data.OldEtag, data.NewEtag, Time(data.ExpiresAtTicks), data.CallId, data.Cseq,
        data.HasIdentity ? data.Identity : null, Time(data.AtTicks));

    public static PublicationModifiedData ToProto(PublicationModified e) =>
        new() { Aor = e.Aor, OldEtag = e.OldETag, Publication = ToProto(e.Publication), AtTicks = Ticks(e.At) };

    public static PublicationModified FromProto(PublicationModifiedData data) =>
        new(data.Aor, data.OldEtag, FromProto(data.Publication), Time(data.AtTicks));

    public static PublicationRemovedData ToProto(PublicationRemoved e)
    {
        var data = new PublicationRemovedData { Aor = e.Aor, Etag = e.ETag, Reason = (int)e.Reason, AtTicks = Ticks(e.At) };
        if (e.CallId is { } callId)
        {
            data.CallId = callId;
        }

        if (e.CSeq is { } cseq)
        {
            data.Cseq = cseq;
        }

        if (e.Identity is { } identity)
        {
            data.Identity = identity;
        }

        return data;
    }

    public static PublicationRemoved FromProto(PublicationRemovedData data) => new(
        data.Aor, data.Etag, (PublicationRemovalReason)data.Reason, data.HasCallId ? data.CallId : null,
        data.HasCseq ? data.Cseq : null, data.HasIdentity ? data.Identity : null, Time(data.AtTicks));

    public static PresentityStateData ToProto(PresentityState state)
    {
        var data = new PresentityStateData { Aor = state.Aor, Version = state.Version, ChangedAtTicks = Ticks(state.ChangedAt) };
        data.Publications.AddRange(state.Publications.Select(ToProto));
        data.Watchers.AddRange(state.WatchersInOrder.Select(w => new WatcherEntryData
        {
            SubscriptionId = w.SubscriptionId, Watcher = w.Watcher, Package = w.Package, Status = (int)w.Status, SinceTicks = Ticks(w.Since),
            ExpiresAtTicks = Ticks(w.ExpiresAt),
        }));
        foreach (var (watcher, decision) in state.Rules)
        {
            data.Rules[watcher] = (int)decision;
        }

        foreach (var (selector, document) in state.OwnerDocuments)
        {
            data.OwnerDocuments.Add(new OwnerDocumentData
            {
                Aor = state.Aor, Selector = selector, Auid = document.Auid, Etag = document.ETag, Document = ByteString.CopyFrom(document.Document),
            });
        }

        foreach (var (subscriptionId, uri) in state.ListWatchers)
        {
            data.ListWatchers[subscriptionId] = uri;
        }

        return data;
    }

    /// <summary>The watchers of a snapshot by subscription id (a repeated id, which no snapshot should hold, counts once).</summary>
    private static ImmutableDictionary<string, WatcherEntry> WatchersOf(PresentityStateData data)
    {
        if (data.Watchers.Count == 0)
        {
            return PresentityState.NoWatchers;
        }

        var watchers = PresentityState.NoWatchers.ToBuilder();
        foreach (var w in data.Watchers)
        {
            watchers[w.SubscriptionId] = new WatcherEntry(
                w.SubscriptionId, w.Watcher, EventPackages.OrPresence(w.Package), w.HasStatus ? (SubscriptionStatus)w.Status : SubscriptionStatus.Active,
                Time(w.SinceTicks), Time(w.ExpiresAtTicks));
        }

        return watchers.ToImmutable();
    }

    public static PresentityState FromProto(PresentityStateData data) =>
        new(
            data.Aor,
            [.. data.Publications.Select(FromProto)],
            data.Version,
            WatchersOf(data),
            data.Rules.ToImmutableSortedDictionary(r => r.Key, r => (AuthorizationDecision)r.Value, StringComparer.Ordinal))
        {
            ChangedAt = Time(data.ChangedAtTicks),
            OwnerDocuments = data.OwnerDocuments.Count == 0
                ? PresentityState.NoOwnerDocuments
                : data.OwnerDocuments.ToImmutableSortedDictionary(
                    d => d.Selector, d => new OwnerDocument(d.Auid, d.Etag, d.Document.ToByteArray()), StringComparer.Ordinal),
            ListWatchers = data.ListWatchers.Count == 0 ? PresentityState.NoListWatchers : data.ListWatchers.ToImmutableDictionary(),
        };

    public static OwnerDocumentData ToProto(OwnerDocumentChanged m)
    {
        var data = OwnerDocumentData(m.Aor, m.Selector, m.Auid, m.ETag, m.Document, m.At);
        if (m.PreviousETag is not null)
        {
            data.PreviousEtag = m.PreviousETag;
        }

        data.Patch.AddRange(m.Patch ?? []);
        return data;
    }

    public static OwnerDocumentChanged ToOwnerDocumentChanged(OwnerDocumentData d) =>
        new(d.Aor, d.Selector, d.Auid, d.HasEtag ? d.Etag : null, d.HasDocument ? d.Document.ToByteArray() : null, Time(d.AtTicks),
            d.HasPreviousEtag ? d.PreviousEtag : null, d.Patch.Count == 0 ? null : [.. d.Patch]);

    public static OwnerDocumentData ToProto(OwnerDocumentSet e) => OwnerDocumentData(e.Aor, e.Selector, e.Auid, e.ETag, e.Document, e.At);

    public static OwnerDocumentSet ToOwnerDocumentSet(OwnerDocumentData d) =>
        new(d.Aor, d.Selector, d.Auid, d.HasEtag ? d.Etag : null, d.HasDocument ? d.Document.ToByteArray() : null, Time(d.AtTicks));

    private static OwnerDocumentData OwnerDocumentData(string aor, string selector, string auid, string? etag, byte[]? document, DateTimeOffset at)
    {
        var data = new OwnerDocumentData { Aor = aor, Selector = selector, Auid = auid, AtTicks = Ticks(at) };
        if (etag is not null)
        {
            data.Etag = etag;
        }

        if (document is not null)
        {
            data.Document = ByteString.CopyFrom(document);
        }

        return data;
    }
}
