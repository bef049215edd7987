using System.Collections.Immutable;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Serialization;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Engine.Subscription;

/// <summary>
/// One watcher's subscription and its dialog (RFC 6665, RFC 3261 section 12): where NOTIFYs go, the CSeqs of both
/// sides, the absolute expiry, the status and the last state version the watcher was sent. Also the snapshot.
/// </summary>
public sealed record SubscriptionState(
    string SubscriptionId,
    string Presentity,
    string? EventId,
    string Watcher,
    string WatcherTag,
    string CallId,
    string RemoteTarget,
    ImmutableList<string> RouteSet,
    SipFlow? Flow,
    uint RemoteCSeq,
    uint LocalCSeq,
    DateTimeOffset ExpiresAt,
    SubscriptionStatus Status,
    long NotifiedVersion,
    string? Reason,
    bool Polite = false,
    string Package = EventPackages.Presence,
    uint CSeqReserved = 0) : IEngineSerializable, IEntityState<SubscriptionState, ISubscriptionEvent>
{
    public static SubscriptionState None(string id) =>
        new(id, string.Empty, null, string.Empty, string.Empty, string.Empty, string.Empty, [], null, 0, 0, default,
            SubscriptionStatus.Terminated, 0, null);

    /// <summary>True once an initial SUBSCRIBE created the dialog.</summary>
    public bool Exists => CallId.Length > 0;

    public bool IsLive => Exists && Status != SubscriptionStatus.Terminated;

    public bool IsEmpty => !IsLive;

    /// <summary>The highest NOTIFY CSeq that may have been used: a subscription that starts again goes on after it.</summary>
    public uint HighestCSeq => Math.Max(LocalCSeq, CSeqReserved);

    /// <summary>True for a subscription to the presentity's watcher information (RFC 3857).</summary>
    public bool IsWatcherInfo => Package == EventPackages.WatcherInfo;

    public DateTimeOffset? NextExpiry => IsLive ? ExpiresAt : null;

    public SubscriptionState Apply(ISubscriptionEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change switch
        {
            SubscriptionCreated c => this with
            {
                Presentity = c.Presentity,
                EventId = c.EventId,
                Watcher = c.Watcher,
                WatcherTag = c.WatcherTag,
                CallId = c.CallId,
                RemoteTarget = c.RemoteTarget,
                RouteSet = [.. c.RouteSet],
                Flow = c.Flow,
                RemoteCSeq = c.CSeq,
                ExpiresAt = c.ExpiresAt,
                Status = c.Status,
                Package = c.Package,
                CSeqReserved = c.CSeqReserved,
            },
            SubscriptionRefreshed r => this with { RemoteCSeq = r.CSeq, ExpiresAt = r.ExpiresAt, Flow = r.Flow },
            NotifyIssued n => this with
            {
                LocalCSeq = n.CSeq,
                CSeqReserved = Math.Max(CSeqReserved, n.ReservedUpTo),
                NotifiedVersion = Math.Max(NotifiedVersion, n.Version),
            },
            NotifyCSeqsReleased r => this with
            {
                LocalCSeq = r.LastCSeq, CSeqReserved = r.LastCSeq, NotifiedVersion = Math.Max(NotifiedVersion, r.Version),
            },
            SubscriptionAuthorized a => this with { Status = a.Status, Polite = a.Polite },
            SubscriptionTerminated t => this with { Status = SubscriptionStatus.Terminated, Reason = t.Reason },
            _ => throw new ArgumentException($"Unknown subscription event {change.GetType().Name}.", nameof(change)),
        };
    }

    public bool Equals(SubscriptionState? other) =>
        other is not null && SubscriptionId == other.SubscriptionId && Presentity == other.Presentity && EventId == other.EventId
        && Watcher == other.Watcher && WatcherTag == other.WatcherTag && CallId == other.CallId && RemoteTarget == other.RemoteTarget
        && RouteSet.SequenceEqual(other.RouteSet) && Equals(Flow, other.Flow) && RemoteCSeq == other.RemoteCSeq
        && LocalCSeq == other.LocalCSeq && ExpiresAt == other.ExpiresAt && Status == other.Status
        && NotifiedVersion == other.NotifiedVersion && Reason == other.Reason && Polite == other.Polite && Package == other.Package
        && CSeqReserved == other.CSeqReserved;

    public override int GetHashCode() => HashCode.Combine(SubscriptionId, CallId, LocalCSeq, RemoteCSeq, Status);
}
