using System.Diagnostics.CodeAnalysis;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Serialization;
using SimpleActors.Sip.Dialogs;

namespace SimpleActors.Engine.Subscription;

/// <summary>
/// One watcher's subscription (RFC 6665): its dialog (RFC 3261 section 12: where NOTIFYs go, the tags, the CSeqs of both
/// sides, the flow), the absolute expiry, the status and the last state version the watcher was sent. Also the snapshot.
/// The dialog's local URI is the presentity, its remote URI the watcher; null until an initial SUBSCRIBE creates it.
/// </summary>
public sealed record SubscriptionState(
    string SubscriptionId,
    Dialog? Dialog,
    string? EventId,
    DateTimeOffset ExpiresAt,
    SubscriptionStatus Status,
    long NotifiedVersion,
    string? Reason,
    bool Polite = false,
    string Package = EventPackages.Presence,
    uint CSeqReserved = 0) : IEngineSerializable, IEntityState<SubscriptionState, ISubscriptionEvent>
{
    public static SubscriptionState None(string id) => new(id, null, null, default, SubscriptionStatus.Terminated, 0, null);

    /// <summary>What an xcap-diff subscription watches (RFC 5875 section 4.2); null for other packages.</summary>
    public WatchedDocuments? Documents { get; init; }

    /// <summary>The list of a list subscription (RFC 4662 section 4); null for a subscription to one resource.</summary>
    public Rls.ListTarget? List { get; init; }

    /// <summary>A presence subscription with partial notification (RFC 5263): its NOTIFYs carry pidf-diff documents.</summary>
    public bool Partial { get; init; }

    /// <summary>True once an initial SUBSCRIBE created the dialog.</summary>
    [MemberNotNullWhen(true, nameof(Dialog))]
    public bool Exists => Dialog is not null;

    [MemberNotNullWhen(true, nameof(Dialog))]
    public bool IsLive => Exists && Status != SubscriptionStatus.Terminated;

    public bool IsEmpty => !IsLive;

    /// <summary>The presentity watched: the dialog's local URI (empty before the dialog exists).</summary>
    public string Presentity => Dialog?.LocalUri ?? string.Empty;

    /// <summary>The watcher's address-of-record: the dialog's remote URI (empty before the dialog exists).</summary>
    public string Watcher => Dialog?.RemoteUri ?? string.Empty;

    /// <summary>The CSeq of the last NOTIFY sent (0: none yet).</summary>
    public uint LocalCSeq => Dialog?.LocalCSeq ?? 0;

    /// <summary>The highest NOTIFY CSeq that may have been used: a subscription that starts again goes on after it.</summary>
    public uint HighestCSeq => Math.Max(LocalCSeq, CSeqReserved);

    public DateTimeOffset? NextExpiry => IsLive ? ExpiresAt : null;

    public SubscriptionState Apply(ISubscriptionEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change switch
        {
            SubscriptionCreated c => this with
            {
                // RFC 3261 section 12.1.1: the dialog as the UAS that answered the SUBSCRIBE sees it.
                Dialog = new Dialog(
                    c.CallId, c.Presentity, c.SubscriptionId, c.Watcher, c.WatcherTag, c.RemoteTarget, [.. c.RouteSet], 0, c.CSeq, false, c.Flow),
                EventId = c.EventId,
                ExpiresAt = c.ExpiresAt,
                Status = c.Status,
                Package = c.Package,
                CSeqReserved = c.CSeqReserved,
                Documents = c.Documents,
                List = c.List,
                Partial = c.Partial,
            },
            SubscriptionRefreshed r => this with
            {
                // RFC 3261 section 12.2.2; RFC 6665 makes SUBSCRIBE a target refresh request.
                Dialog = Required(Dialog) with { RemoteCSeq = r.CSeq, Flow = r.Flow, RemoteTarget = r.RemoteTarget ?? Required(Dialog).RemoteTarget },
                ExpiresAt = r.ExpiresAt,
            },
            NotifyIssued n => this with
            {
                Dialog = Required(Dialog) with { LocalCSeq = n.CSeq },
                CSeqReserved = Math.Max(CSeqReserved, n.ReservedUpTo),
                NotifiedVersion = Math.Max(NotifiedVersion, n.Version),
            },
            NotifyCSeqsReleased r => this with
            {
                Dialog = Required(Dialog) with { LocalCSeq = r.LastCSeq },
                CSeqReserved = r.LastCSeq,
                NotifiedVersion = Math.Max(NotifiedVersion, r.Version),
            },
            SubscriptionAuthorized a => this with { Status = a.Status, Polite = a.Polite },
            SubscriptionTerminated t => this with { Status = SubscriptionStatus.Terminated, Reason = t.Reason },
            _ => throw new ArgumentException($"Unknown subscription event {change.GetType().Name}.", nameof(change)),
        };
    }

    private static Dialog Required(Dialog? dialog) =>
        dialog ?? throw new InvalidOperationException("A subscription event other than its creation came before the dialog existed.");
}
