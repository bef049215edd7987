using System.Collections.Immutable;
using Google.Protobuf;
using SimpleActors.Engine.Serialization.Proto;
using SimpleActors.Engine.Xcap;

namespace SimpleActors.Engine.Serialization;

/// <summary>The XcapDocument entity's records and their protobuf schemas (xcap.proto).</summary>
internal static partial class ProtoMapping
{
    public static OwnerDocumentTakenData ToProto(Presence.OwnerDocumentTaken m)
    {
        var data = new OwnerDocumentTakenData { Aor = m.Aor, Selector = m.Selector, WantsPatches = m.WantsPatches };
        if (m.ETag is not null)
        {
            data.Etag = m.ETag;
        }

        return data;
    }

    public static WatcherStatusesData ToProto(Presence.WatcherStatusesChanged e)
    {
        var data = new WatcherStatusesData { Aor = e.Aor, AtTicks = Ticks(e.At) };
        foreach (var (id, status) in e.Statuses)
        {
            data.Statuses[id] = (int)status;
        }

        return data;
    }

    public static RlsServicesData Services(string selector, string owner, IReadOnlyList<string> uris, DateTimeOffset at)
    {
        var data = new RlsServicesData { Selector = selector, Owner = owner, AtTicks = Ticks(at) };
        data.Uris.AddRange(uris);
        return data;
    }

    public static RlsServicesClaimData ToProto(RlsServicesClaim claim)
    {
        var data = new RlsServicesClaimData { Owner = claim.Owner };
        foreach (var conflict in claim.Conflicts)
        {
            var entry = new RlsServiceConflictData { Uri = conflict.Uri };
            if (conflict.Alternative is not null)
            {
                entry.Alternative = conflict.Alternative;
            }

            data.Conflicts.Add(entry);
        }

        return data;
    }

    public static RlsServicesClaim FromProto(RlsServicesClaimData d) =>
        new(d.Owner, [.. d.Conflicts.Select(c => new RlsServiceConflict(c.Uri, c.HasAlternative ? c.Alternative : null))]);

    public static RlsServicesIndexData ToProto(RlsServicesIndexState state)
    {
        var data = new RlsServicesIndexData();
        foreach (var (uri, owner) in state.Owners)
        {
            data.Owners[uri] = owner;
        }

        return data;
    }

    public static RlsServicesIndexState FromProto(RlsServicesIndexData d) =>
        new(d.Owners.ToImmutableSortedDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal));

    public static XcapDocumentRequestData ToProto(XcapDocumentRequest r)
    {
        var data = new XcapDocumentRequestData
        {
            Selector = r.Selector, Method = r.Method, Target = r.Target, Body = ByteString.CopyFrom(r.Body), By = r.By, RootUri = r.RootUri,
        };
        if (r.ContentType is not null)
        {
            data.ContentType = r.ContentType;
        }

        if (r.IfMatch is not null)
        {
            data.IfMatch = r.IfMatch;
        }

        if (r.IfNoneMatch is not null)
        {
            data.IfNoneMatch = r.IfNoneMatch;
        }

        return data;
    }

    public static XcapDocumentRequest FromProto(XcapDocumentRequestData d) => new(
        d.Selector, d.Method, d.Target, d.HasContentType ? d.ContentType : null, d.Body.ToByteArray(), d.HasIfMatch ? d.IfMatch : null,
        d.HasIfNoneMatch ? d.IfNoneMatch : null, d.By, d.RootUri);

    public static XcapDocumentAnswerData ToProto(XcapDocumentAnswer a)
    {
        var data = new XcapDocumentAnswerData { Status = a.Status, Body = ByteString.CopyFrom(a.Body) };
        if (a.ContentType is not null)
        {
            data.ContentType = a.ContentType;
        }

        if (a.ETag is not null)
        {
            data.Etag = a.ETag;
        }

        if (a.Allow is not null)
        {
            data.Allow = a.Allow;
        }

        return data;
    }

    public static XcapDocumentAnswer FromProto(XcapDocumentAnswerData d) => new(
        d.Status, d.HasContentType ? d.ContentType : null, d.Body.ToByteArray(), d.HasEtag ? d.Etag : null, d.HasAllow ? d.Allow : null);

    public static XcapDocumentEditedData ToProto(XcapDocumentEdited e)
    {
        var data = new XcapDocumentEditedData
        {
            Selector = e.Selector, Method = e.Method, Target = e.Target, RequestBody = ByteString.CopyFrom(e.RequestBody), By = e.By, AtTicks = Ticks(e.At),
        };
        if (e.ContentType is not null)
        {
            data.ContentType = e.ContentType;
        }

        if (e.Document is not null)
        {
            data.Document = ByteString.CopyFrom(e.Document);
        }

        if (e.ETag is not null)
        {
            data.Etag = e.ETag;
        }

        return data;
    }

    public static XcapDocumentEdited FromProto(XcapDocumentEditedData d) => new(
        d.Selector, d.Method, d.Target, d.HasContentType ? d.ContentType : null, d.RequestBody.ToByteArray(), d.HasDocument ? d.Document.ToByteArray() : null,
        d.HasEtag ? d.Etag : null, d.By, Time(d.AtTicks));

    public static XcapDocumentStateData ToProto(XcapDocumentState s)
    {
        var data = new XcapDocumentStateData { Selector = s.Selector, Edits = s.Edits };
        if (s.Document is not null)
        {
            data.Document = ByteString.CopyFrom(s.Document);
        }

        if (s.ETag is not null)
        {
            data.Etag = s.ETag;
        }

        return data;
    }

    public static XcapDocumentState FromProto(XcapDocumentStateData d) =>
        new(d.Selector, d.HasDocument ? d.Document.ToByteArray() : null, d.HasEtag ? d.Etag : null, d.Edits);
}
