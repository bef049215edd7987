using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using SimpleActors.Engine.Dialogs;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Presence;

namespace SimpleActors.Engine.Subscription;

/// <summary>
/// The subscriptions of one shard of the subscription region, in one actor (<see cref="EntityShard{TState,TEvent,TSlot}"/>).
/// Each watcher's dialog (RFC 6665, RFC 3856; id = the To-tag we issued) keeps its own stream (<c>subscription|&lt;id&gt;</c>),
/// persists what <see cref="SubscriptionDecision"/> decides and replies once it is in the journal, then notifies: at
/// most one NOTIFY transaction is in flight; state that changes meanwhile replaces the state waiting to go, so the
/// watcher gets the newest state next, never a backlog. Every NOTIFY is journaled (CSeq, version, body digest); CSeqs
/// are reserved in the journal before they are used, so they only go up, across restarts and moves. A NOTIFY answered
/// 481 or timing out ends the subscription; expiry and unsubscribe end it with a final NOTIFY (reason timeout).
/// A subscription idle for <see cref="SubscriptionOptions.IdleTimeout"/> sleeps (leaves memory; its presentity wakes it,
/// docs/presence.md, "Sleeping"), so the shard keeps no member list of its own.
/// </summary>
public sealed class SubscriptionShard : EntityShard<SubscriptionState, ISubscriptionEvent, SubscriptionShard.Slot>
{
    /// <summary>The prefix of every Subscription persistence id.</summary>
    public const string PersistenceIdPrefix = "subscription|";

    /// <summary>The prefix of a shard's own persistence id (unused: subscription shards keep no member list).</summary>
    public const string ShardPersistenceIdPrefix = "subscription-shard|";

    // How long a final NOTIFY may wait for its document before expiry sends it without one (64*T1, RFC 3261 Timer F).
    private static readonly TimeSpan FinalNotifyGrace = TimeSpan.FromSeconds(32);

    private readonly SubscriptionOptions options;
    private readonly ICanTell? edge;
    private readonly Dictionary<uint, string> numbered = [];
    private IActorRef? presentities;
    private ActorSelection? localEdge;
    private (string Node, ActorSelection Selection)? remoteEdge;
    private uint nextNumber;

    public SubscriptionShard(string shardId, SubscriptionOptions options, TimeProvider clock, int snapshotEvery, IActorRef? presentities, IActorRef? edge)
        : base(shardId, PersistenceIdPrefix, ShardPersistenceIdPrefix, clock, snapshotEvery, EngineMetrics.Subscriptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.presentities = presentities;
        this.edge = edge;
    }

    public static Props Props(
        string shardId, SubscriptionOptions options, TimeProvider? clock = null, int snapshotEvery = 100, IActorRef? presentities = null,
        IActorRef? edge = null) =>
        EntityProps.Of(() => new SubscriptionShard(shardId, options, clock ?? TimeProvider.System, snapshotEvery, presentities, edge));

    protected override bool KeepsMemberList => false;

    protected override SubscriptionState EmptyState(string id) => SubscriptionState.None(id);

    /// <summary>
    /// Commands by subscription id; the presentity's answer to a Watch by the id it names; a NOTIFY's outcome by the
    /// number its correlation carries, and only to a subscription still in memory (one that ended or sleeps has
    /// nothing waiting for it).
    /// </summary>
    protected override string? EntityIdOf(object message) => message switch
    {
        ISubscriptionMessage command => command.SubscriptionId,
        PresenceDocument { SubscriptionId: { } id } => id,
        DialogRequestOutcome outcome when numbered.TryGetValue((uint)(outcome.Correlation >> 32), out var id) && TryGetSlot(id, out _) => id,
        _ => null,
    };

    protected override bool OnOtherMessage(object message)
    {
        switch (message)
        {
            case DialogRequestOutcome: // for a subscription no longer in memory
                return true;
            case PresenceDocument document:
                Log.Warning("A presence document of {0} that names no subscription", document.Aor);
                return true;
            default:
                return false;
        }
    }

    protected override void Handle(Slot slot, object command, IActorRef sender)
    {
        slot.LastActivity = Clock.GetUtcNow();
        slot.Asleep = false;
        switch (command)
        {
            case Subscribe subscribe:
                Decide(slot, subscribe, sender);
                break;
            case PresenceDocument current:
                OnDocument(slot, current);
                break;
            case ApplyAuthorization authorization:
                Decide(slot, authorization.Decision, notifyAnyway: false);
                break;
            case WatcherInfoSnapshot snapshot:
                OnWatcherSet(slot, snapshot);
                break;
            case WatchersChanged changed:
                OnWatchersChanged(slot, changed);
                break;
            case PresenceChanged changed:
                OnPresenceChanged(slot, changed);
                break;
            case WakeSubscription:
                // Woken by the presentity at the expiry it knew: the recovery has checked the expiry; if the subscription
                // lives on (refreshed meanwhile), the presentity learns when to wake it next.
                if (slot.State.IsLive)
                {
                    slot.Watching = true;
                    TellExpiry(slot);
                }

                break;
            case DialogRequestOutcome outcome:
                Answered(slot, outcome with { Correlation = (uint)outcome.Correlation });
                break;
            default:
                Log.Warning("Unhandled subscription command {0}", command.GetType().Name);
                break;
        }
    }

    protected override IReadOnlyList<ISubscriptionEvent> Expire(Slot slot, DateTimeOffset now)
    {
        var state = slot.State;
        if (slot.AwaitingFinal && now < state.ExpiresAt + FinalNotifyGrace)
        {
            return [];
        }

        var ended = SubscriptionDecision.Expire(state, now);
        var notified = state.IsWatcherInfo ? state.NotifiedVersion : slot.Version;
        return ended.Count == 0 ? ended : [new NotifyIssued(state.SubscriptionId, slot.LastCSeq + 1, notified, SubscriptionStatus.Terminated, now), .. ended];
    }

    protected override void AfterExpiry(Slot slot, IReadOnlyList<ISubscriptionEvent> expired)
    {
        slot.LastCSeq = slot.State.LocalCSeq;
        Send(slot, slot.State.LocalCSeq, SubscriptionStatus.Terminated, SubscriptionDecision.Timeout, null);
        StopWatching(slot);
    }

    protected override void AfterRecovery(Slot slot)
    {
        slot.LastCSeq = slot.State.HighestCSeq;
        slot.SentVersion = slot.State.NotifiedVersion;
        slot.LastActivity = Clock.GetUtcNow();
    }

    /// <summary>The earliest of: the expiry, the end of the minimum interval between NOTIFYs, the next look at idleness.</summary>
    protected override DateTimeOffset? DueAt(Slot slot)
    {
        var state = slot.State;
        DateTimeOffset? earliest = state.NextExpiry;
        if (slot.RateAt is { } rate && (earliest is null || rate < earliest))
        {
            earliest = rate;
        }

        if (state.IsLive && options.IdleTimeout > TimeSpan.Zero)
        {
            var idle = slot.LastActivity + options.IdleTimeout;
            idle = idle > slot.IdleLookAfter ? idle : slot.IdleLookAfter;
            if (earliest is null || idle < earliest)
            {
                earliest = idle;
            }
        }

        return earliest;
    }

    protected override void OnDue(Slot slot, DateTimeOffset now)
    {
        if (slot.RateAt <= now)
        {
            slot.RateAt = null;
            if (slot.State.IsLive && HasNews(slot))
            {
                Notify(slot, owedToRequest: false);
            }
        }

        if (!slot.Writing && slot.State.NextExpiry <= now)
        {
            ExpireNow(slot, now);
        }

        if (!slot.Writing && slot.State.IsLive && options.IdleTimeout > TimeSpan.Zero && now - slot.LastActivity >= options.IdleTimeout
            && now >= slot.IdleLookAfter)
        {
            SleepIfIdle(slot, now);
        }
    }

    /// <summary>An ended subscription leaves memory once idle; a live one when it sleeps.</summary>
    protected override bool LetGo(Slot slot, DateTimeOffset now) => slot.Asleep || base.LetGo(slot, now);

    protected override void LettingGo(Slot slot)
    {
        if (slot.Number is { } number)
        {
            numbered.Remove(number);
        }
    }

    /// <summary>
    /// Nothing to do but wait: live, watching (so the presentity knows it and when it expires), no NOTIFY out, owed or
    /// held back, no final NOTIFY pending. Its state is all in the journal; the presentity wakes it. Watcher-info
    /// subscriptions (one per owner's device) stay awake: their partial documents build on what they hold in memory.
    /// </summary>
    private static bool CanSleep(Slot slot) =>
        slot.State.IsLive && !slot.State.IsWatcherInfo && slot.Watching && slot.InFlightCSeq == 0 && !slot.Owed && !slot.Dirty
        && slot.RateAt is null && !slot.AwaitingFinal && slot.EndReason is null;

    private void SleepIfIdle(Slot slot, DateTimeOffset now)
    {
        slot.IdleLookAfter = now + options.IdleTimeout / 2; // unless it sleeps now, look again then
        if (CanSleep(slot))
        {
            // Give back the unused CSeqs first, so that the NOTIFYs after waking go on by one.
            IReadOnlyList<ISubscriptionEvent> release = slot.State.CSeqReserved > slot.LastCSeq
                ? [new NotifyCSeqsReleased(slot.State.SubscriptionId, slot.LastCSeq, slot.SentVersion, now)]
                : [];
            Write(slot, release, null, () => slot.Asleep = true);
        }
        else if (!slot.Watching && slot.InFlightCSeq == 0 && !slot.AwaitingFinal && slot.EndReason is null)
        {
            // Restarted (after a crash, say) and told nothing since: make sure the presentity knows this
            // subscription and its expiry, quietly, so that it can sleep at the next idle time.
            Presentities.Tell(WatchOf(slot), Self);
        }
    }

    private Watch WatchOf(Slot slot)
    {
        var state = slot.State;
        return new(state.Presentity, state.SubscriptionId, state.Watcher, Clock.GetUtcNow(), state.Package, state.Status, state.ExpiresAt, slot.LastRequest);
    }

    private void TellExpiry(Slot slot) => Presentities.Tell(new WakeAt(slot.State.Presentity, slot.State.SubscriptionId, slot.State.ExpiresAt));

    /// <summary>The state the subscription notifies of has arrived from the presentity.</summary>
    private static bool Known(Slot slot) => slot.State.IsWatcherInfo ? slot.Watchers.Known : slot.Document is not null;

    /// <summary>Something changed that the watcher has not been sent.</summary>
    private static bool HasNews(Slot slot) => slot.State.IsWatcherInfo ? slot.Watchers.HasChanges : slot.SentVersion < slot.Version;

    private IActorRef Presentities => presentities ??= ClusterSharding.Get(Context.System).ShardRegion(Sharding.PresentityRegion.Name);

    private void Decide(Slot slot, Subscribe command, IActorRef sender)
    {
        var (events, reply) = SubscriptionDecision.Subscribe(slot.State, command, Clock.GetUtcNow(), options);
        Write(slot, events, sender, () =>
        {
            sender.Tell(reply);
            if (reply.IsSuccess)
            {
                slot.AwaitingFinal = reply.Expires == 0;
                slot.LastRequest = new RequestRef(command.CallId, command.CSeq, command.Identity);
                slot.EndedBy = slot.AwaitingFinal ? slot.LastRequest : null;
                if (!command.Initial && reply.Expires > 0 && Known(slot) && slot.Watching)
                {
                    TellExpiry(slot); // a refresh moved the expiry: the presentity wakes a sleeping subscription then
                }

                // RFC 6665 section 4.2.1: a NOTIFY follows every accepted SUBSCRIBE, refreshes and removals included.
                NotifyWhenStateKnown(slot);
            }
        });
    }

    /// <summary>The presentity's answer to our Watch: its current document, and the owner's decision if it has one.</summary>
    private void OnDocument(Slot slot, PresenceDocument current)
    {
        slot.Watching = true;
        var requested = slot.NotifyWhenKnown;
        slot.NotifyWhenKnown = false;
        Take(slot, current.Version, current.Body, current.Digest);
        if (current.Decision is { } decision)
        {
            Decide(slot, decision, notifyAnyway: requested);
        }
        else if (requested || HasNews(slot))
        {
            Notify(slot);
        }
    }

    private void OnWatcherSet(Slot slot, WatcherInfoSnapshot snapshot)
    {
        if (!slot.State.IsLive)
        {
            Unwatch(slot, snapshot.Presentity);
            return;
        }

        slot.Watching = true;
        var requested = slot.NotifyWhenKnown;
        slot.NotifyWhenKnown = false;
        slot.Watchers.Reset(snapshot.Watchers);
        if (requested)
        {
            Notify(slot);
        }
    }

    private void OnWatchersChanged(Slot slot, WatchersChanged changed)
    {
        if (!slot.State.IsLive)
        {
            Unwatch(slot, changed.Presentity);
            return;
        }

        if (!slot.Watchers.Known)
        {
            NotifyWhenStateKnown(slot); // restarted: the whole set first, then changes
            return;
        }

        slot.Watching = true;
        slot.Watchers.Apply(changed.Watchers);
        NotifyChange(slot);
    }

    private void OnPresenceChanged(Slot slot, PresenceChanged changed)
    {
        if (!slot.State.IsLive)
        {
            Unwatch(slot, changed.Presentity); // a watcher entry outlived its subscription (a lost Unwatch): drop it
            return;
        }

        // A version the watcher was already sent (a presentity retelling after it started again, to a subscription
        // that has started again too) is taken, not notified.
        slot.Watching = true;
        if (Take(slot, changed.Version, changed.Document, changed.Digest) && slot.State.Status == SubscriptionStatus.Active && HasNews(slot))
        {
            NotifyChange(slot);
        }
    }

    /// <summary>A NOTIFY's final status from the edge (its correlation is the CSeq now).</summary>
    private void Answered(Slot slot, DialogRequestOutcome outcome)
    {
        if (outcome.Correlation == slot.SentCSeq && slot.SentCSeq != 0)
        {
            EngineMetrics.NotifyAnswered(slot.State.Package, slot.SentAt);
            slot.SentCSeq = 0;
        }

        if (slot.InFlightCSeq == 0 || outcome.Correlation != slot.InFlightCSeq)
        {
            return; // the answer to an earlier NOTIFY, or to a final one: nothing waits for it
        }

        slot.InFlightCSeq = 0;
        var ended = SubscriptionDecision.NotifyAnswered(slot.State, outcome.StatusCode, Clock.GetUtcNow());
        if (ended.Count > 0)
        {
            Write(slot, ended, null, () => StopWatching(slot));
            return;
        }

        if (slot.Owed && slot.State.IsLive)
        {
            // A SUBSCRIBE (or a decision) was answered while this NOTIFY was out: its NOTIFY is due now.
            slot.Owed = false;
            slot.Dirty = false;
            Notify(slot);
        }
        else if (slot.Dirty && slot.State.IsLive)
        {
            slot.Dirty = false;
            NotifyChange(slot);
        }
    }

    /// <summary>Applies the owner's decision (RFC 5025 section 3.2.1): a NOTIFY tells the watcher the outcome.</summary>
    private void Decide(Slot slot, AuthorizationDecision decision, bool notifyAnyway)
    {
        if (!slot.State.IsLive)
        {
            return;
        }

        if (decision == AuthorizationDecision.Block)
        {
            slot.EndReason = SubscriptionDecision.Rejected;
            slot.AwaitingFinal = true;
            Notify(slot);
            return;
        }

        var events = SubscriptionDecision.Authorize(slot.State, decision, Clock.GetUtcNow());
        if (events.Count > 0)
        {
            Write(slot, events, null, () => NotifyWhenStateKnown(slot));
        }
        else if (notifyAnyway)
        {
            Notify(slot);
        }
    }

    /// <summary>Keeps the newest state; false when it is not newer than what we hold.</summary>
    private static bool Take(Slot slot, long newVersion, byte[] body, string? digest)
    {
        if (slot.Document is not null && newVersion <= slot.Version)
        {
            return false;
        }

        slot.Version = newVersion;
        slot.Document = body;
        slot.DocumentDigest = digest;
        return true;
    }

    private void NotifyWhenStateKnown(Slot slot)
    {
        if (Known(slot) && slot.Watching)
        {
            Notify(slot);
            return;
        }

        // The presentity answers with its current document (or watcher set), and from now on tells us of every change.
        slot.NotifyWhenKnown = true;
        Presentities.Tell(WatchOf(slot), Self);
    }

    /// <summary>
    /// A NOTIFY for a change of state, at most one per <see cref="SubscriptionOptions.MinNotifyInterval"/> (RFC 6446
    /// section 3.1's minimum interval): a change inside the interval waits for its end, and changes meanwhile replace it.
    /// NOTIFYs that answer a SUBSCRIBE or end the subscription are not held back.
    /// </summary>
    private void NotifyChange(Slot slot)
    {
        var now = Clock.GetUtcNow();
        var at = slot.LastNotifyAt + options.MinNotifyInterval;
        if (at <= now)
        {
            Notify(slot, owedToRequest: false);
        }
        else if (slot.RateAt is null)
        {
            slot.RateAt = at;
            Reschedule(slot);
        }
    }

    /// <summary>
    /// Sends the NOTIFY for the current state, or marks it due when one is in flight: owed to a request (a SUBSCRIBE
    /// or a decision, sent as soon as the one in flight is answered) or for a change of state (rate limited).
    /// </summary>
    private void Notify(Slot slot, bool owedToRequest = true)
    {
        var state = slot.State;
        if (!state.Exists)
        {
            return;
        }

        if (slot.InFlightCSeq != 0)
        {
            if (owedToRequest)
            {
                slot.Owed = true;
            }
            else
            {
                slot.Dirty = true;
            }

            return;
        }

        var now = Clock.GetUtcNow();
        var final = slot.EndReason is not null || !state.IsLive || state.ExpiresAt <= now;
        var ending = slot.EndReason ?? SubscriptionDecision.Timeout;
        if (!state.IsLive && slot.LastCSeq > 0)
        {
            return; // already ended and said so
        }

        var status = final ? SubscriptionStatus.Terminated : state.Status;
        var cseq = slot.LastCSeq + 1;

        var (body, notified) = state.IsWatcherInfo ? WatcherInfoBody(slot, full: owedToRequest, now) : PresenceBody(slot);
        var digest = ReferenceEquals(body, slot.Document) && slot.DocumentDigest is not null ? slot.DocumentDigest : NotifyDigest.Of(body);
        var journal = SubscriptionDecision.NotifyEvents(state, cseq, notified, status, final ? ending : null, digest, now);
        slot.LastCSeq = cseq;
        if (!state.IsWatcherInfo)
        {
            slot.SentVersion = Math.Max(slot.SentVersion, notified);
        }

        slot.InFlightCSeq = final ? 0 : cseq;
        slot.LastNotifyAt = now;
        slot.Dirty = false;
        slot.Owed = false;
        if (final)
        {
            slot.AwaitingFinal = false;
        }

        if (!journal.BeforeSending)
        {
            // Inside the reserved CSeqs: the NOTIFY leaves now and its record is written meanwhile (a crash in that
            // moment loses the record, not the CSeq).
            Write(slot, journal.Events, null, null);
            Send(slot, cseq, status, null, body);
            return;
        }

        Write(slot, journal.Events, null, () =>
        {
            Send(slot, cseq, status, final ? ending : null, body);
            if (final)
            {
                StopWatching(slot);
            }
        });
    }

    /// <summary>
    /// The PIDF a presence NOTIFY carries and the state version it is: a pending watcher learns nothing of the
    /// presentity's state (RFC 3856 section 6.6.2), a politely blocked one sees it closed, a rejected one nothing; an
    /// active one gets the document, also in the NOTIFY that ends a fetch or an unsubscribe.
    /// </summary>
    private static (byte[]? Body, long Version) PresenceBody(Slot slot) =>
        slot.EndReason is not null || slot.State.Status != SubscriptionStatus.Active
            ? (null, slot.Version)
            : (slot.State.Polite ? SimpleActors.Presence.Pidf.WriteClosed(slot.State.Presentity) : slot.Document, slot.Version);

    /// <summary>
    /// The watcherinfo a watcher-info NOTIFY carries (RFC 3857 section 5.7, RFC 3858 section 4.4): the full set in the
    /// NOTIFY that answers a SUBSCRIBE, the changed watchers otherwise; numbered 0, 1, 2, ... per subscription, the
    /// count journaled as the NOTIFY's version so numbers never repeat after a restart.
    /// </summary>
    private static (byte[]? Body, long Version) WatcherInfoBody(Slot slot, bool full, DateTimeOffset now)
    {
        if (!slot.Watchers.Known)
        {
            return (null, slot.State.NotifiedVersion);
        }

        var next = slot.Watchers.Next(slot.State.NotifiedVersion, slot.State.Presentity, full, now);
        return (SimpleActors.Presence.WatcherInfo.Write(next), slot.State.NotifiedVersion + 1);
    }

    /// <summary>
    /// Hands the NOTIFY to the edge. Its correlation is the subscription's number in this shard (high 32 bits) and the
    /// CSeq (low 32 bits): the outcome comes back to the shard, which finds the subscription by the number.
    /// </summary>
    private void Send(Slot slot, uint cseq, SubscriptionStatus status, string? reason, byte[]? body)
    {
        var state = slot.State;
        var expiresIn = (int)Math.Max(0, Math.Ceiling((state.ExpiresAt - Clock.GetUtcNow()).TotalSeconds));
        var type = state.IsWatcherInfo ? SimpleActors.Presence.WatcherInfo.ContentType : SimpleActors.Presence.Pidf.ContentType;
        var request = NotifyRequest.Build(state, cseq, status, reason, expiresIn, body is null ? null : type, body);
        if (slot.Number is not { } number)
        {
            slot.Number = number = nextNumber++;
            numbered[number] = slot.Id;
        }

        EdgeFor(state.Dialog!.Flow!).Tell(new SendDialogRequest(request, state.Dialog.Flow!, ((long)number << 32) | cseq), Self);
        slot.SentCSeq = cseq;
        slot.SentAt = EngineMetrics.NotifySent(state.Package);
    }

    /// <summary>
    /// The edge actor that sends a NOTIFY (<see cref="DialogEdge"/>): injected by tests, else chosen from the cluster.
    /// The selections are kept (a fan-out sends many NOTIFYs; a path is parsed once): this node's, and the last other
    /// node's, re-chosen only when the membership sends the flow elsewhere.
    /// </summary>
    private ICanTell EdgeFor(Sip.Transport.SipFlow flow)
    {
        if (edge is not null)
        {
            return edge;
        }

        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        var node = DialogEdge.Choose(
            cluster.SelfAddress.ToString(),
            cluster.SelfRoles.Contains(DialogEdge.EdgeRole),
            flow.Node,
            cluster.State.Members.Select(m => (m.Address.ToString(), m.HasRole(DialogEdge.EdgeRole), m.Status == Akka.Cluster.MemberStatus.Up)));
        if (node is null)
        {
            return localEdge ??= Context.ActorSelection(DialogRequests.ActorPath);
        }

        if (remoteEdge is not { } known || known.Node != node)
        {
            remoteEdge = known = (node, Context.ActorSelection(node + DialogRequests.ActorPath));
        }

        return known.Selection;
    }

    private void StopWatching(Slot slot) => Unwatch(slot, slot.State.Presentity);

    private void Unwatch(Slot slot, string presentity) =>
        Presentities.Tell(new Unwatch(presentity, slot.State.SubscriptionId, slot.State.Reason ?? SubscriptionDecision.Timeout, Clock.GetUtcNow(), slot.EndedBy));

    /// <summary>One subscription of the shard, and what it holds in memory only.</summary>
    public sealed class Slot : EntitySlot<SubscriptionState>
    {
        private WatcherInfoTracker? watchers;

        /// <summary>The watcher set a watcher-info subscription notifies of (made on first use).</summary>
        public WatcherInfoTracker Watchers => watchers ??= new WatcherInfoTracker();

        /// <summary>The last presence document the presentity told, its version and digest (null: compute here).</summary>
        public byte[]? Document { get; set; }

        public string? DocumentDigest { get; set; }

        public long Version { get; set; }

        /// <summary>A change came while a NOTIFY was out (sent, rate limited, once it is answered).</summary>
        public bool Dirty { get; set; }

        /// <summary>A request's NOTIFY is owed once the one out is answered.</summary>
        public bool Owed { get; set; }

        /// <summary>The presentity knows this subscription (it answered a Watch or told a change).</summary>
        public bool Watching { get; set; }

        /// <summary>
        /// The Watch out was sent for a SUBSCRIBE or a decision, whose NOTIFY follows the answer; a quiet one (a restarted
        /// subscription making sure the presentity knows it before it sleeps) notifies only of news.
        /// </summary>
        public bool NotifyWhenKnown { get; set; }

        /// <summary>The last NOTIFY CSeq used (or, after a start, possibly used: the highest journaled or reserved).</summary>
        public uint LastCSeq { get; set; }

        /// <summary>The state version the watcher was last sent.</summary>
        public long SentVersion { get; set; }

        /// <summary>When the subscription last received a request, a change or an outcome.</summary>
        public DateTimeOffset LastActivity { get; set; }

        /// <summary>The next look at idleness is not before this (one look per half idle timeout while it cannot sleep).</summary>
        public DateTimeOffset IdleLookAfter { get; set; }

        /// <summary>The CSeq of the NOTIFY whose answer is awaited; 0 when none is (a final NOTIFY's answer is not awaited).</summary>
        public uint InFlightCSeq { get; set; }

        public DateTimeOffset LastNotifyAt { get; set; } = DateTimeOffset.MinValue;

        /// <summary>The CSeq and start (Stopwatch ticks) of the last NOTIFY sent, for its latency when its answer comes.</summary>
        public uint SentCSeq { get; set; }

        public long SentAt { get; set; }

        /// <summary>When the minimum interval between NOTIFYs ends for a change held back, if one is.</summary>
        public DateTimeOffset? RateAt { get; set; }

        /// <summary>The last SUBSCRIBE accepted, for the presentity's history (the Watch it causes); null after a start.</summary>
        public RequestRef? LastRequest { get; set; }

        /// <summary>The accepted SUBSCRIBE with Expires 0 that ends the subscription (the Unwatch).</summary>
        public RequestRef? EndedBy { get; set; }

        /// <summary>Set when the owner blocks the watcher: the next NOTIFY is the final one, with this reason.</summary>
        public string? EndReason { get; set; }

        /// <summary>
        /// An accepted SUBSCRIBE with Expires 0 (unsubscribe, or fetch): the final NOTIFY carries the current document (RFC
        /// 6665 section 4.4.3), so expiry must not send a bare one while the document or a NOTIFY in flight is awaited.
        /// </summary>
        public bool AwaitingFinal { get; set; }

        /// <summary>Gave back its unused CSeqs to sleep: leaves memory once idle.</summary>
        public bool Asleep { get; set; }

        /// <summary>The subscription's number in the shard, for the correlation of its NOTIFYs (given on the first).</summary>
        public uint? Number { get; set; }
    }
}
