using SimpleActors.Engine.Serialization;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Engine.Subscription;

/// <summary>An event in a Subscription's journal; each carries the subscription, its time and what caused it.</summary>
public interface ISubscriptionEvent : IEngineSerializable
{
    string SubscriptionId { get; }

    DateTimeOffset At { get; }
}

/// <summary>
/// An initial SUBSCRIBE created the dialog and the subscription (RFC 6665 section 4.2.1); NOTIFY CSeqs up to
/// <paramref name="CSeqReserved"/> may be used without a further write (<see cref="NotifyIssued"/>). A list subscription
/// (RFC 4662) names its <paramref name="List"/>. <paramref name="Partial"/>: the watcher asked for partial notification
/// (RFC 5263 section 3; false in events written before it existed).
/// </summary>
public sealed record SubscriptionCreated(
    string SubscriptionId,
    string Presentity,
    string? EventId,
    string Watcher,
    string WatcherTag,
    string CallId,
    uint CSeq,
    string RemoteTarget,
    IReadOnlyList<string> RouteSet,
    SipFlow Flow,
    DateTimeOffset ExpiresAt,
    SubscriptionStatus Status,
    string? Identity,
    DateTimeOffset At,
    string Package = EventPackages.Presence,
    uint CSeqReserved = 0,
    WatchedDocuments? Documents = null,
    Rls.ListTarget? List = null,
    bool Partial = false) : ISubscriptionEvent;

/// <summary>
/// A SUBSCRIBE inside the dialog refreshed it (RFC 6665 section 4.2.1.2); Expires 0 sets the expiry to now. Its Contact,
/// when it had one, is the dialog's new remote target (<paramref name="RemoteTarget"/>; null: unchanged, and in events
/// written before targets were refreshed).
/// </summary>
public sealed record SubscriptionRefreshed(
    string SubscriptionId, uint CSeq, DateTimeOffset ExpiresAt, SipFlow Flow, string? Identity, DateTimeOffset At, string? RemoteTarget = null)
    : ISubscriptionEvent;

/// <summary>
/// A NOTIFY was issued with <paramref name="CSeq"/>, carrying state <paramref name="Version"/> (for presence the
/// presentity's state version; for watcher information the number of documents sent, RFC 3858 section 4.4) and
/// Subscription-State <paramref name="Status"/>; CSeqs up to <paramref name="ReservedUpTo"/> (when not 0) may be used
/// by the next NOTIFYs without waiting for a write; <paramref name="BodyDigest"/> is the body's <see cref="NotifyDigest"/>
/// (null: no body). Every NOTIFY is journaled, for its history. One that reserves CSeqs, ends the subscription or numbers a
/// watcher-info document is persisted before it leaves, so the CSeq never goes back, even across a restart or a move to
/// another node: a subscription that starts again goes on after the highest CSeq journaled or reserved. One inside the
/// reserved block leaves at once and is journaled meanwhile (a crash in that moment loses its record, not its CSeq).
/// </summary>
public sealed record NotifyIssued(
    string SubscriptionId, uint CSeq, long Version, SubscriptionStatus Status, DateTimeOffset At, uint ReservedUpTo = 0, string? BodyDigest = null)
    : ISubscriptionEvent;

/// <summary>
/// A subscription going to sleep gives back the CSeqs it reserved but did not use: <paramref name="LastCSeq"/> was its
/// last NOTIFY's, carrying state <paramref name="Version"/>. When it wakes, its CSeqs go on by one from there.
/// </summary>
public sealed record NotifyCSeqsReleased(string SubscriptionId, uint LastCSeq, long Version, DateTimeOffset At) : ISubscriptionEvent;

/// <summary>
/// The subscription ended (RFC 6665 section 4.4.1 reasons: <c>timeout</c> for expiry or an unsubscribe, <c>rejected</c>,
/// <c>deactivated</c>, <c>noresource</c>, <c>giveup</c>); <paramref name="Notify"/> says whether the watcher gets a
/// final NOTIFY (not after a NOTIFY was answered 481 or timed out, RFC 6665 section 4.2.2).
/// </summary>
public sealed record SubscriptionTerminated(string SubscriptionId, string Reason, bool Notify, DateTimeOffset At) : ISubscriptionEvent;

/// <summary>
/// The owner's decision changed the subscription's status: active (allow) or active but shown a closed presentity
/// (<paramref name="Polite"/>, RFC 5025 polite-block). A block ends the subscription (reason rejected) instead.
/// </summary>
public sealed record SubscriptionAuthorized(string SubscriptionId, SubscriptionStatus Status, bool Polite, DateTimeOffset At) : ISubscriptionEvent;
