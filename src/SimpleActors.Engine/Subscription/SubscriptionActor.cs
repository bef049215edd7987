using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using SimpleActors.Engine.Dialogs;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Presence;

namespace SimpleActors.Engine.Subscription;

/// <summary>
/// The Subscription entity of one watcher's dialog (RFC 6665, RFC 3856), id = the To-tag we issued. It persists what
/// <see cref="SubscriptionDecision"/> decides and replies once it is in the journal, then notifies: at most one NOTIFY
/// transaction is in flight; state that changes meanwhile replaces the state waiting to go, so the watcher gets the
/// newest state next, never a backlog. Every NOTIFY is journaled (CSeq, version, body digest); CSeqs are reserved in
/// the journal before they are used, so they only go up, across restarts and moves. A NOTIFY answered 481 or timing out ends the subscription; expiry and unsubscribe end it with a
/// final NOTIFY (reason timeout).
/// </summary>
public sealed class SubscriptionActor : EventSourcedEntity<SubscriptionState, ISubscriptionEvent>, IWithTimers
{
    /// <summary>The prefix of every Subscription persistence id.</summary>
    public const string PersistenceIdPrefix = "subscription|";

    private readonly SubscriptionOptions options;
    private IActorRef? presentities;
    private readonly ICanTell? edge;
    private ActorSelection? localEdge;
    private (string Node, ActorSelection Selection)? remoteEdge;
    private byte[]? document;
    private string? documentDigest; // the presentity's digest of it, computed once for a fan-out; null: compute here
    private long version;
    private readonly WatcherInfoTracker watchers = new();
    private bool dirty;
    private bool owed;
    private bool watching;

    // The Watch out was sent for a SUBSCRIBE or a decision, whose NOTIFY follows the answer; a quiet one (a restarted
    // subscription making sure the presentity knows it before it sleeps) notifies only of news.
    private bool notifyWhenKnown;

    // The last NOTIFY CSeq used (or, after a start, possibly used: the highest journaled or reserved), and the state
    // version the watcher was last sent. NOTIFYs inside the reserved block do not wait for their records to be written.
    private uint lastCSeq;
    private long sentVersion;

    // When the entity last received a request, a change or an outcome (Environment.TickCount64).
    private long lastActivity = Environment.TickCount64;

    // The CSeq of the NOTIFY whose answer is awaited; 0 when none is (a final NOTIFY's answer is not awaited).
    private uint inFlightCSeq;
    private DateTimeOffset lastNotifyAt = DateTimeOffset.MinValue;

    // The CSeq and start (Stopwatch ticks) of the last NOTIFY sent, for its latency when its answer comes.
    private uint sentCSeq;
    private long sentAt;
    private bool rateTimerArmed;

    // The last SUBSCRIBE accepted, for the presentity's history (the Watch it causes), and the one with Expires 0 that
    // ends the subscription (the Unwatch); null after a restart until the next.
    private RequestRef? lastRequest;
    private RequestRef? endedBy;

    // Set when the owner blocks the watcher: the next NOTIFY is the final one, with this reason.
    private string? endReason;

    // An accepted SUBSCRIBE with Expires 0 (unsubscribe, or fetch): the final NOTIFY carries the current document
    // (RFC 6665 section 4.4.3), so expiry must not send a bare one while the document or a NOTIFY in flight is awaited.
    private bool awaitingFinal;

    // How long a final NOTIFY may wait for its document before expiry sends it without one (64*T1, RFC 3261 Timer F).
    private static readonly TimeSpan FinalNotifyGrace = TimeSpan.FromSeconds(32);

    public SubscriptionActor(string id, SubscriptionOptions options, TimeProvider clock, int snapshotEvery, IActorRef? presentities, IActorRef? edge)
        : base(PersistenceIdPrefix + id, SubscriptionState.None(id), clock, snapshotEvery)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.presentities = presentities;
        this.edge = edge;
    }

    /// <summary>Akka's timers, for this entity's own (the shared expiry and linger timers are the base's).</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(
        string id, SubscriptionOptions options, TimeProvider? clock = null, int snapshotEvery = 100, IActorRef? presentities = null,
        IActorRef? edge = null) =>
        EntityProps.Of(() => new SubscriptionActor(id, options, clock ?? TimeProvider.System, snapshotEvery, presentities, edge));

    protected override UpDownCounter<long> LiveGauge => EngineMetrics.Subscriptions;

    protected override bool OnEntityCommand(object message)
    {
        switch (message)
        {
            case Subscribe command:
                Decide(command);
                break;
            case PresenceDocument current:
                OnDocument(current);
                break;
            case ApplyAuthorization authorization:
                Decide(authorization.Decision, notifyAnyway: false);
                break;
            case WatcherInfoSnapshot snapshot:
                OnWatcherSet(snapshot);
                break;
            case WatchersChanged changed:
                OnWatchersChanged(changed);
                break;
            case PresenceChanged changed:
                OnPresenceChanged(changed);
                break;
            case WakeSubscription:
                // Woken by the presentity at the expiry it knew: the recovery has checked the expiry; if the subscription
                // lives on (refreshed meanwhile), the presentity learns when to wake it next.
                if (State.IsLive)
                {
                    watching = true;
                    TellExpiry();
                }

                break;
            case IdleCheck:
                SleepIfIdle();
                break;
            case RateLimitPassed:
                rateTimerArmed = false;
                if (State.IsLive && HasNews)
                {
                    Notify(owedToRequest: false);
                }

                break;
            case DialogRequestOutcome outcome:
                Answered(outcome);
                break;
            default:
                return false;
        }

        return true;
    }

    protected override IReadOnlyList<ISubscriptionEvent> Expire(SubscriptionState state, DateTimeOffset now)
    {
        if (awaitingFinal && now < state.ExpiresAt + FinalNotifyGrace)
        {
            return [];
        }

        var ended = SubscriptionDecision.Expire(state, now);
        var notified = state.IsWatcherInfo ? state.NotifiedVersion : version;
        return ended.Count == 0 ? ended : [new NotifyIssued(state.SubscriptionId, lastCSeq + 1, notified, SubscriptionStatus.Terminated, now), .. ended];
    }

    protected override void AfterRecovery()
    {
        lastCSeq = State.HighestCSeq;
        sentVersion = State.NotifiedVersion;
        if (State.IsLive)
        {
            WatchIdleness();
        }
    }

    /// <summary>Activity: a request, a change, a document or a NOTIFY's outcome (timer messages are not).</summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        if (message is ISubscriptionMessage or DialogRequestOutcome or PresenceDocument)
        {
            lastActivity = Environment.TickCount64;
        }

        return base.AroundReceive(receive, message);
    }

    /// <summary>
    /// Looks every half <see cref="SubscriptionOptions.IdleTimeout"/> whether the subscription has been idle that long
    /// (one timer per live subscription, rather than a receive timeout re-armed by every message).
    /// </summary>
    private void WatchIdleness()
    {
        if (options.IdleTimeout > TimeSpan.Zero && !Timers.IsTimerActive(IdleTimer))
        {
            Timers.StartPeriodicTimer(IdleTimer, IdleCheck.Instance, options.IdleTimeout / 2);
        }
    }

    protected override void AfterExpiry(IReadOnlyList<ISubscriptionEvent> expired)
    {
        lastCSeq = State.LocalCSeq;
        Send(State.LocalCSeq, SubscriptionStatus.Terminated, SubscriptionDecision.Timeout, null);
        StopWatching();
    }

    /// <summary>
    /// Nothing to do but wait: live, watching (so the presentity knows it and when it expires), no NOTIFY out, owed or
    /// held back, no final NOTIFY pending. Its state is all in the journal; the presentity wakes it. Watcher-info
    /// subscriptions (one per owner's device) stay awake: their partial documents build on what they hold in memory.
    /// </summary>
    private bool CanSleep =>
        State.IsLive && !State.IsWatcherInfo && watching && inFlightCSeq == 0 && !owed && !dirty && !rateTimerArmed && !awaitingFinal && endReason is null;

    private Watch WatchOfThis() =>
        new(State.Presentity, State.SubscriptionId, State.Watcher, Clock.GetUtcNow(), State.Package, State.Status, State.ExpiresAt, lastRequest);

    private void TellExpiry() => Presentities.Tell(new WakeAt(State.Presentity, State.SubscriptionId, State.ExpiresAt));

    /// <summary>The state the subscription notifies of has arrived from the presentity.</summary>
    private bool Known => State.IsWatcherInfo ? watchers.Known : document is not null;

    /// <summary>Something changed that the watcher has not been sent.</summary>
    private bool HasNews => State.IsWatcherInfo ? watchers.HasChanges : sentVersion < version;

    private IActorRef Presentities => presentities ??= ClusterSharding.Get(Context.System).ShardRegion(Sharding.PresentityRegion.Name);

    private void Decide(Subscribe command)
    {
        var (events, reply) = SubscriptionDecision.Subscribe(State, command, Clock.GetUtcNow(), options);
        var sender = Sender;
        PersistThen(events, () =>
        {
            sender.Tell(reply);
            if (reply.IsSuccess)
            {
                WatchIdleness();
                awaitingFinal = reply.Expires == 0;
                lastRequest = new RequestRef(command.CallId, command.CSeq, command.Identity);
                endedBy = awaitingFinal ? lastRequest : null;
                if (!command.Initial && reply.Expires > 0 && Known && watching)
                {
                    TellExpiry(); // a refresh moved the expiry: the presentity wakes a sleeping subscription then
                }

                // RFC 6665 section 4.2.1: a NOTIFY follows every accepted SUBSCRIBE, refreshes and removals included.
                NotifyWhenStateKnown();
            }
        });
    }

    /// <summary>The presentity's answer to our Watch: its current document, and the owner's decision if it has one.</summary>
    private void OnDocument(PresenceDocument current)
    {
        watching = true;
        var requested = notifyWhenKnown;
        notifyWhenKnown = false;
        Take(current.Version, current.Body, current.Digest);
        if (current.Decision is { } decision)
        {
            Decide(decision, notifyAnyway: requested);
        }
        else if (requested || HasNews)
        {
            Notify();
        }
    }

    private void OnWatcherSet(WatcherInfoSnapshot snapshot)
    {
        if (!State.IsLive)
        {
            Unwatch(snapshot.Presentity);
            return;
        }

        watching = true;
        var requested = notifyWhenKnown;
        notifyWhenKnown = false;
        watchers.Reset(snapshot.Watchers);
        if (requested)
        {
            Notify();
        }
    }

    private void OnWatchersChanged(WatchersChanged changed)
    {
        if (!State.IsLive)
        {
            Unwatch(changed.Presentity);
            return;
        }

        if (!watchers.Known)
        {
            NotifyWhenStateKnown(); // restarted: the whole set first, then changes
            return;
        }

        watching = true;
        watchers.Apply(changed.Watchers);
        NotifyChange();
    }

    private void OnPresenceChanged(PresenceChanged changed)
    {
        if (!State.IsLive)
        {
            Unwatch(changed.Presentity); // a watcher entry outlived its subscription (a lost Unwatch): drop it
            return;
        }

        // A version the watcher was already sent (a presentity retelling after it started again, to a subscription
        // that has started again too) is taken, not notified.
        watching = true;
        if (Take(changed.Version, changed.Document, changed.Digest) && State.Status == SubscriptionStatus.Active && HasNews)
        {
            NotifyChange();
        }
    }

    private void SleepIfIdle()
    {
        if (!State.IsLive)
        {
            Timers.Cancel(IdleTimer);
            return;
        }

        if (Environment.TickCount64 - lastActivity < (long)options.IdleTimeout.TotalMilliseconds)
        {
            return;
        }

        if (CanSleep)
        {
            // Give back the unused CSeqs first, so that the NOTIFYs after waking go on by one.
            IReadOnlyList<ISubscriptionEvent> release = State.CSeqReserved > lastCSeq
                ? [new NotifyCSeqsReleased(State.SubscriptionId, lastCSeq, sentVersion, Clock.GetUtcNow())]
                : [];
            PersistThen(release, Sleep);
        }
        else if (State.IsLive && !watching && inFlightCSeq == 0 && !awaitingFinal && endReason is null)
        {
            // Restarted (after a crash, say) and told nothing since: make sure the presentity knows this
            // subscription and its expiry, quietly, so that it can sleep at the next idle time.
            Presentities.Tell(WatchOfThis(), Self);
        }
    }

    /// <summary>A NOTIFY's final status from the edge.</summary>
    private void Answered(DialogRequestOutcome outcome)
    {
        if (outcome.Correlation == sentCSeq && sentCSeq != 0)
        {
            EngineMetrics.NotifyAnswered(State.Package, sentAt);
            sentCSeq = 0;
        }

        if (inFlightCSeq == 0 || outcome.Correlation != inFlightCSeq)
        {
            return; // the answer to an earlier NOTIFY, or to a final one: nothing waits for it
        }

        inFlightCSeq = 0;
        var ended = SubscriptionDecision.NotifyAnswered(State, outcome.StatusCode, Clock.GetUtcNow());
        if (ended.Count > 0)
        {
            PersistThen(ended, StopWatching);
            return;
        }

        if (owed && State.IsLive)
        {
            // A SUBSCRIBE (or a decision) was answered while this NOTIFY was out: its NOTIFY is due now.
            owed = false;
            dirty = false;
            Notify();
        }
        else if (dirty && State.IsLive)
        {
            dirty = false;
            NotifyChange();
        }
    }

    /// <summary>Applies the owner's decision (RFC 5025 section 3.2.1): a NOTIFY tells the watcher the outcome.</summary>
    private void Decide(AuthorizationDecision decision, bool notifyAnyway)
    {
        if (!State.IsLive)
        {
            return;
        }

        if (decision == AuthorizationDecision.Block)
        {
            endReason = SubscriptionDecision.Rejected;
            awaitingFinal = true;
            Notify();
            return;
        }

        var events = SubscriptionDecision.Authorize(State, decision, Clock.GetUtcNow());
        if (events.Count > 0)
        {
            PersistThen(events, () => NotifyWhenStateKnown());
        }
        else if (notifyAnyway)
        {
            Notify();
        }
    }

    /// <summary>Keeps the newest state; false when it is not newer than what we hold.</summary>
    private bool Take(long newVersion, byte[] body, string? digest)
    {
        if (document is not null && newVersion <= version)
        {
            return false;
        }

        version = newVersion;
        document = body;
        documentDigest = digest;
        return true;
    }

    private void NotifyWhenStateKnown()
    {
        if (Known && watching)
        {
            Notify();
            return;
        }

        // The presentity answers with its current document (or watcher set), and from now on tells us of every change.
        notifyWhenKnown = true;
        Presentities.Tell(WatchOfThis(), Self);
    }

    /// <summary>
    /// A NOTIFY for a change of state, at most one per <see cref="SubscriptionOptions.MinNotifyInterval"/> (RFC 6446
    /// section 3.1's minimum interval): a change inside the interval waits for its end, and changes meanwhile replace it.
    /// NOTIFYs that answer a SUBSCRIBE or end the subscription are not held back.
    /// </summary>
    private void NotifyChange()
    {
        var wait = lastNotifyAt + options.MinNotifyInterval - Clock.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            Notify(owedToRequest: false);
        }
        else if (!rateTimerArmed)
        {
            rateTimerArmed = true;
            Timers.StartSingleTimer("notify-rate", RateLimitPassed.Instance, wait);
        }
    }

    /// <summary>
    /// Sends the NOTIFY for the current state, or marks it due when one is in flight: owed to a request (a SUBSCRIBE
    /// or a decision, sent as soon as the one in flight is answered) or for a change of state (rate limited).
    /// </summary>
    private void Notify(bool owedToRequest = true)
    {
        if (!State.Exists)
        {
            return;
        }

        if (inFlightCSeq != 0)
        {
            if (owedToRequest)
            {
                owed = true;
            }
            else
            {
                dirty = true;
            }

            return;
        }

        var now = Clock.GetUtcNow();
        var final = endReason is not null || !State.IsLive || State.ExpiresAt <= now;
        var ending = endReason ?? SubscriptionDecision.Timeout;
        if (!State.IsLive && lastCSeq > 0)
        {
            return; // already ended and said so
        }

        var status = final ? SubscriptionStatus.Terminated : State.Status;
        var cseq = lastCSeq + 1;

        var (body, notified) = State.IsWatcherInfo ? WatcherInfoBody(full: owedToRequest, now) : PresenceBody();
        var digest = ReferenceEquals(body, document) && documentDigest is not null ? documentDigest : NotifyDigest.Of(body);
        var journal = SubscriptionDecision.NotifyEvents(State, cseq, notified, status, final ? ending : null, digest, now);
        lastCSeq = cseq;
        if (!State.IsWatcherInfo)
        {
            sentVersion = Math.Max(sentVersion, notified);
        }

        inFlightCSeq = final ? 0 : cseq;
        lastNotifyAt = now;
        dirty = false;
        owed = false;
        if (final)
        {
            awaitingFinal = false;
        }

        if (!journal.BeforeSending)
        {
            Record(journal.Events);
            Send(cseq, status, null, body);
            return;
        }

        PersistThen(journal.Events, () =>
        {
            Send(cseq, status, final ? ending : null, body);
            if (final)
            {
                StopWatching();
            }
        });
    }

    /// <summary>
    /// The PIDF a presence NOTIFY carries and the state version it is: a pending watcher learns nothing of the
    /// presentity's state (RFC 3856 section 6.6.2), a politely blocked one sees it closed, a rejected one nothing; an
    /// active one gets the document, also in the NOTIFY that ends a fetch or an unsubscribe.
    /// </summary>
    private (byte[]? Body, long Version) PresenceBody() =>
        endReason is not null || State.Status != SubscriptionStatus.Active
            ? (null, version)
            : (State.Polite ? SimpleActors.Presence.Pidf.Write(SimpleActors.Presence.Pidf.Closed(State.Presentity)) : document, version);

    /// <summary>
    /// The watcherinfo a watcher-info NOTIFY carries (RFC 3857 section 5.7, RFC 3858 section 4.4): the full set in the
    /// NOTIFY that answers a SUBSCRIBE, the changed watchers otherwise; numbered 0, 1, 2, ... per subscription, the
    /// count journaled as the NOTIFY's version so numbers never repeat after a restart.
    /// </summary>
    private (byte[]? Body, long Version) WatcherInfoBody(bool full, DateTimeOffset now)
    {
        if (!watchers.Known)
        {
            return (null, State.NotifiedVersion);
        }

        var next = watchers.Next(State.NotifiedVersion, State.Presentity, full, now);
        return (SimpleActors.Presence.WatcherInfo.Write(next), State.NotifiedVersion + 1);
    }

    private void Send(uint cseq, SubscriptionStatus status, string? reason, byte[]? body)
    {
        var expiresIn = (int)Math.Max(0, Math.Ceiling((State.ExpiresAt - Clock.GetUtcNow()).TotalSeconds));
        var type = State.IsWatcherInfo ? SimpleActors.Presence.WatcherInfo.ContentType : SimpleActors.Presence.Pidf.ContentType;
        var request = NotifyRequest.Build(State, cseq, status, reason, expiresIn, body is null ? null : type, body);
        EdgeFor(State.Flow!).Tell(new SendDialogRequest(request, State.Flow!, cseq), Self);
        sentCSeq = cseq;
        sentAt = EngineMetrics.NotifySent(State.Package);
    }

    /// <summary>
    /// The edge actor that sends this entity's NOTIFY (<see cref="DialogEdge"/>): injected by tests, else chosen from the
    /// cluster. The selections are kept (a fan-out sends many NOTIFYs; a path is parsed once): this node's, and the last
    /// other node's, re-chosen only when the membership sends the flow elsewhere.
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

    private const string IdleTimer = "idle";

    /// <summary>The timer's message: time to look whether the subscription has been idle long enough to sleep.</summary>
    private sealed class IdleCheck
    {
        public static readonly IdleCheck Instance = new();
    }

    /// <summary>The timer's message: the minimum interval between NOTIFYs has passed.</summary>
    private sealed class RateLimitPassed
    {
        public static readonly RateLimitPassed Instance = new();
    }

    private void StopWatching() => Unwatch(State.Presentity);

    private void Unwatch(string presentity) =>
        Presentities.Tell(new Unwatch(presentity, State.SubscriptionId, State.Reason ?? SubscriptionDecision.Timeout, Clock.GetUtcNow(), endedBy));
}
