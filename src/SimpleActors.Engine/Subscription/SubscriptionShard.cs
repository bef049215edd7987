using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using SimpleActors.Engine.Dialogs;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Packages;
using SimpleActors.Engine.Presence;
using SimpleActors.Sip.Events;

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
public sealed partial class SubscriptionShard : EntityShard<SubscriptionState, ISubscriptionEvent, SubscriptionShard.Slot>
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
    private readonly Func<Rls.ListTarget, ISubscriptionView> listView;
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
        listView = list => new ResourceListView(list, options.Lists.IsLocal, options.Lists.MaxNotifyBodyBytes);
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
        slot.ListView ??= listView;
        slot.LastActivity = Clock.GetUtcNow();
        slot.Asleep = false;
        switch (command)
        {
            case Subscribe subscribe:
                Decide(slot, subscribe, sender);
                break;
            case PresenceDocument current when slot.View is ResourceListView list:
                OnListDocument(slot, list, current);
                break;
            case PresenceDocument current:
                OnDocument(slot, current);
                break;
            case ApplyAuthorization authorization when slot.View is ResourceListView list:
                OnListAuthorization(slot, list, authorization);
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
            case PresenceChanged changed when slot.View is ResourceListView list:
                OnListPresenceChanged(slot, list, changed);
                break;
            case PresenceChanged changed:
                OnPresenceChanged(slot, changed);
                break;
            case XcapDocumentsSnapshot snapshot:
                OnXcapDocuments(slot, snapshot);
                break;
            case XcapDocumentsChanged changed:
                OnXcapDocumentsChanged(slot, changed);
                break;
            case Rls.ListChanged changed:
                OnListChanged(slot, changed);
                break;
            case WakeSubscription:
                // Woken by the presentity at the expiry it knew: the recovery has checked the expiry; if the subscription
                // lives on (refreshed meanwhile), the presentity learns when to wake it next.
                if (slot.State.IsLive && slot.State.List is not null)
                {
                    FollowListQuietly(slot);
                }
                else if (slot.State.IsLive)
                {
                    slot.Watching = true;
                    TellExpiry(slot);
                }

                break;
            case DialogRequestOutcome outcome:
                Answered(slot, outcome with { Correlation = (uint)outcome.Correlation });
                break;
            case Rls.BackendResponse response:
                OnBackendResponse(slot, response);
                break;
            case Rls.BackendNotify notify:
                OnBackendNotify(slot, notify, sender);
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
        return ended.Count == 0
            ? ended
            : [new NotifyIssued(state.SubscriptionId, slot.LastCSeq + 1, slot.View.Version(state), SubscriptionStatus.Terminated, now), .. ended];
    }

    protected override void AfterExpiry(Slot slot, IReadOnlyList<ISubscriptionEvent> expired)
    {
        // The expiry's final NOTIFY says only that it ended (no state: nothing was asked), outside the notifier.
        slot.LastCSeq = slot.State.LocalCSeq;
        slot.Notifier = slot.Notifier.Stop();
        Send(slot, slot.State.LocalCSeq, SubscriptionStatus.Terminated, SubscriptionDecision.Timeout, null);
        StopWatching(slot);
    }

    protected override void AfterRecovery(Slot slot)
    {
        slot.ListView = listView;
        slot.LastCSeq = slot.State.HighestCSeq;
        if (slot.View is PresenceView presence)
        {
            presence.SentVersion = slot.State.NotifiedVersion;
        }

        slot.LastActivity = Clock.GetUtcNow();
        var notifier = Notifier.Start(options.MinNotifyInterval);
        slot.Notifier = slot.State.Exists && !slot.State.IsLive ? notifier.Stop() : notifier; // an ended one said so already
    }

    /// <summary>The earliest of: the expiry, the end of the minimum interval for a change held back, the next look at idleness.</summary>
    protected override DateTimeOffset? DueAt(Slot slot)
    {
        var state = slot.State;
        DateTimeOffset? earliest = state.NextExpiry;
        if (slot.Notifier.HeldUntil is { } held && (earliest is null || held < earliest))
        {
            earliest = held;
        }

        if (slot.ListWaitUntil is { } wait && (earliest is null || wait < earliest))
        {
            earliest = wait;
        }

        if (BackendDueAt(slot) is { } backend && (earliest is null || backend < earliest))
        {
            earliest = backend;
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
        if (slot.ListWaitUntil <= now)
        {
            ListWaitOver(slot);
        }

        if (slot.Notifier.HeldUntil <= now)
        {
            Carry(slot, slot.Notifier.Elapsed(now));
        }

        BackendsDue(slot, now);

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
    /// Nothing to do but wait: live, of a package that sleeps, watching (so the presentity knows it and when it expires),
    /// the notifier idle with nothing due, no final NOTIFY pending. Its state is all in the journal; the presentity wakes it.
    /// </summary>
    private static bool CanSleep(Slot slot) =>
        slot.State.IsLive && slot.Package.MaySleep && slot.State.List is null && slot.Watching && slot.Notifier is { Phase: NotifierPhase.Idle, Due: NotifyDue.None }
        && !slot.AwaitingFinal && slot.EndReason is null;

    private void SleepIfIdle(Slot slot, DateTimeOffset now)
    {
        slot.IdleLookAfter = now + options.IdleTimeout / 2; // unless it sleeps now, look again then
        if (CanSleep(slot))
        {
            // Give back the unused CSeqs first, so that the NOTIFYs after waking go on by one.
            IReadOnlyList<ISubscriptionEvent> release = slot.State.CSeqReserved > slot.LastCSeq
                ? [new NotifyCSeqsReleased(slot.State.SubscriptionId, slot.LastCSeq, slot.View.Version(slot.State), now)]
                : [];
            Write(slot, release, null, () => slot.Asleep = true);
        }
        else if (slot.State.List is not null)
        {
            FollowListQuietly(slot);
        }
        else if (!slot.Watching && slot.Notifier.InFlight == 0 && !slot.AwaitingFinal && slot.EndReason is null)
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
                if (!command.Initial && reply.Expires > 0 && slot.View.Known && slot.Watching && slot.State.List is null)
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
        if (slot.View is not PresenceView presence)
        {
            Log.Warning("A presence document for subscription {0} of package {1}", slot.Id, slot.State.Package);
            return;
        }

        presence.Take(current.Version, current.Body, current.Digest);
        if (current.Decision is { } decision)
        {
            Decide(slot, decision, notifyAnyway: requested);
        }
        else if (requested)
        {
            RequestOrEnd(slot);
        }
        else if (slot.View.HasNews && slot.State.Status == SubscriptionStatus.Active)
        {
            Carry(slot, slot.Notifier.Change(Clock.GetUtcNow()));
        }
    }

    private void OnWatcherSet(Slot slot, WatcherInfoSnapshot snapshot) =>
        OnWholeState<WatcherInfoView>(slot, snapshot.Presentity, "A watcher set", view => view.Watchers.Reset(snapshot.Watchers));

    private void OnWatchersChanged(Slot slot, WatchersChanged changed) =>
        OnChange<WatcherInfoView>(slot, changed.Presentity, "A watcher change", view =>
        {
            view.Watchers.Apply(changed.Watchers);
            return true;
        });

    /// <summary>The owner's documents, the answer to an xcap-diff subscription's Watch (RFC 5875 section 4.6: full state next).</summary>
    private void OnXcapDocuments(Slot slot, XcapDocumentsSnapshot snapshot) =>
        OnWholeState<XcapDiffView>(slot, snapshot.Presentity, "XCAP documents", view => view.Reset(snapshot.Documents));

    /// <summary>Documents of the owner changed (RFC 5875 section 4.7): a NOTIFY when a watched one did.</summary>
    private void OnXcapDocumentsChanged(Slot slot, XcapDocumentsChanged changed) =>
        OnChange<XcapDiffView>(slot, changed.Presentity, "An XCAP document change", view =>
        {
            view.Apply(changed.Documents, slot.State.Documents);
            return view.HasNews;
        });

    /// <summary>
    /// The resource's whole state, the answer to a Watch (sent through the region, ahead of every later change): the view
    /// takes it, and the NOTIFY asked for meanwhile goes out. An ended subscription stops watching instead.
    /// </summary>
    private void OnWholeState<TView>(Slot slot, string presentity, string what, Action<TView> take)
        where TView : class, ISubscriptionView
    {
        if (!slot.State.IsLive)
        {
            Unwatch(slot, presentity);
            return;
        }

        slot.Watching = true;
        var requested = slot.NotifyWhenKnown;
        slot.NotifyWhenKnown = false;
        if (slot.View is not TView view)
        {
            Log.Warning("{0} for subscription {1} of package {2}", what, slot.Id, slot.State.Package);
            return;
        }

        take(view);
        if (requested)
        {
            RequestOrEnd(slot);
        }
    }

    /// <summary>
    /// A change of the resource's state: the view applies it and, when it has something to tell, the notifier gets a
    /// change. A subscription that started again and knows nothing yet asks for the whole state first.
    /// </summary>
    private void OnChange<TView>(Slot slot, string presentity, string what, Func<TView, bool> apply)
        where TView : class, ISubscriptionView
    {
        if (!slot.State.IsLive)
        {
            Unwatch(slot, presentity);
            return;
        }

        if (!slot.View.Known)
        {
            NotifyWhenStateKnown(slot); // restarted: the whole state first, then changes
            return;
        }

        if (slot.View is not TView view)
        {
            Log.Warning("{0} for subscription {1} of package {2}", what, slot.Id, slot.State.Package);
            return;
        }

        slot.Watching = true;
        if (apply(view))
        {
            Carry(slot, slot.Notifier.Change(Clock.GetUtcNow()));
        }
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
        if (slot.View is not PresenceView presence)
        {
            Log.Warning("A presence change for subscription {0} of package {1}", slot.Id, slot.State.Package);
            return;
        }

        slot.Watching = true;
        if (presence.Take(changed.Version, changed.Document, changed.Digest) && slot.State.Status == SubscriptionStatus.Active && presence.HasNews)
        {
            Carry(slot, slot.Notifier.Change(Clock.GetUtcNow()));
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

        var now = Clock.GetUtcNow();
        var (next, step) = slot.Notifier.Answered((uint)outcome.Correlation, now);
        if (step is NotifierStep.Refused)
        {
            return; // the answer to an earlier NOTIFY, or to a final one: nothing waits for it
        }

        var ended = SubscriptionDecision.NotifyAnswered(slot.State, outcome.StatusCode, now);
        if (ended.Count > 0)
        {
            slot.Notifier = next.Stop();
            Write(slot, ended, null, () => StopWatching(slot));
            return;
        }

        if (outcome.StatusCode >= 300 && slot.View is PresenceView presence)
        {
            presence.Unconfirmed(); // RFC 5263 section 3: the watcher may lack that document; full state next
        }

        Carry(slot, (next, step));
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
            Carry(slot, slot.Notifier.End(Clock.GetUtcNow()));
            return;
        }

        var events = SubscriptionDecision.Authorize(slot.State, decision, Clock.GetUtcNow());
        if (events.Count > 0)
        {
            Write(slot, events, null, () => NotifyWhenStateKnown(slot));
        }
        else if (notifyAnyway)
        {
            RequestOrEnd(slot);
        }
    }

    private void NotifyWhenStateKnown(Slot slot)
    {
        if (slot.View is ResourceListView list)
        {
            NotifyWhenListKnown(slot, list);
            return;
        }

        if (slot.View.Known && slot.Watching)
        {
            RequestOrEnd(slot);
            return;
        }

        // The presentity answers with its current document (or watcher set), and from now on tells us of every change.
        slot.NotifyWhenKnown = true;
        Presentities.Tell(WatchOf(slot), Self);
    }

    /// <summary>
    /// A request (a SUBSCRIBE or a decision) was accepted: the whole state is due, or the final NOTIFY when the
    /// subscription ends with it (an unsubscribe, a fetch, a block).
    /// </summary>
    private void RequestOrEnd(Slot slot)
    {
        var state = slot.State;
        if (!state.Exists)
        {
            return;
        }

        var now = Clock.GetUtcNow();
        var ends = slot.EndReason is not null || !state.IsLive || state.ExpiresAt <= now;
        Carry(slot, ends ? slot.Notifier.End(now) : slot.Notifier.Request(now));
    }

    /// <summary>Carries out what the notifier decided (<see cref="Notifier"/>): the actor only sends and arms the timer.</summary>
    private void Carry(Slot slot, (Notifier Next, NotifierStep Step) transition)
    {
        slot.Notifier = transition.Next;
        switch (transition.Step)
        {
            case NotifierStep.Send send:
                Notify(slot, send.Kind);
                break;
            case NotifierStep.HoldUntil:
                Reschedule(slot);
                break;
        }
    }

    /// <summary>
    /// Sends the NOTIFY the notifier asked for: the package makes the body, the record is journaled (before it leaves
    /// when <see cref="SubscriptionDecision.NotifyEvents"/> says so), and a final one ends the subscription.
    /// </summary>
    private void Notify(Slot slot, NotifyKind kind)
    {
        var state = slot.State;
        var now = Clock.GetUtcNow();
        var final = kind == NotifyKind.Final;
        var ending = slot.EndReason ?? SubscriptionDecision.Timeout;
        var status = final ? SubscriptionStatus.Terminated : state.Status;
        var cseq = slot.LastCSeq + 1;

        var body = slot.View.Body(state, kind, rejected: slot.EndReason is not null, cseq, now);
        var digest = body.Digest ?? NotifyDigest.Of(body.Content);
        var journal = SubscriptionDecision.NotifyEvents(state, cseq, body.Version, status, final ? ending : null, digest, now);
        slot.LastCSeq = cseq;
        slot.Notifier = slot.Notifier.Sent(kind, cseq, now);
        if (final)
        {
            slot.AwaitingFinal = false;
        }

        if (!journal.BeforeSending)
        {
            // Inside the reserved CSeqs: the NOTIFY leaves now and its record is written meanwhile (a crash in that
            // moment loses the record, not the CSeq).
            Write(slot, journal.Events, null, null);
            Send(slot, cseq, status, null, body.Content, body.ContentType);
            MoreOfTheList(slot, now);
            return;
        }

        Write(slot, journal.Events, null, () =>
        {
            Send(slot, cseq, status, final ? ending : null, body.Content, body.ContentType);
            MoreOfTheList(slot, now);
            if (final)
            {
                StopWatching(slot);
            }
        });
    }

    /// <summary>
    /// Hands the NOTIFY to the edge. Its correlation is the subscription's number in this shard (high 32 bits) and the
    /// CSeq (low 32 bits): the outcome comes back to the shard, which finds the subscription by the number.
    /// </summary>
    private void Send(Slot slot, uint cseq, SubscriptionStatus status, string? reason, byte[]? body, string? contentType = null)
    {
        var state = slot.State;
        var expiresIn = (int)Math.Max(0, Math.Ceiling((state.ExpiresAt - Clock.GetUtcNow()).TotalSeconds));
        var request = NotifyRequest.Build(state, cseq, status, reason, expiresIn, contentType ?? slot.Package.ContentType, body);
        if (slot.Number is not { } number)
        {
            slot.Number = number = nextNumber++;
            numbered[number] = slot.Id;
        }

        EdgeFor(state.Dialog!.Flow!.Node).Tell(new SendDialogRequest(request, state.Dialog.Flow!, ((long)number << 32) | cseq), Self);
        slot.SentCSeq = cseq;
        slot.SentAt = EngineMetrics.NotifySent(state.Package);
    }

    /// <summary>
    /// The edge actor that sends a NOTIFY (<see cref="DialogEdge"/>): injected by tests, else chosen from the cluster.
    /// The selections are kept (a fan-out sends many NOTIFYs; a path is parsed once): this node's, and the last other
    /// node's, re-chosen only when the membership sends the flow elsewhere.
    /// </summary>
    /// <param name="flowNode">The node that owns the dialog's flow; empty for a request with no flow (a back-end SUBSCRIBE): this node's edge, or any.</param>
    private ICanTell EdgeFor(string flowNode)
    {
        if (edge is not null)
        {
            return edge;
        }

        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        var node = DialogEdge.Choose(
            cluster.SelfAddress.ToString(),
            cluster.SelfRoles.Contains(DialogEdge.EdgeRole),
            flowNode,
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

    private void StopWatching(Slot slot)
    {
        if (slot.State.List is not null)
        {
            StopFollowingList(slot);
            return;
        }

        Unwatch(slot, slot.State.Presentity);
    }

    private void Unwatch(Slot slot, string presentity) =>
        Presentities.Tell(new Unwatch(presentity, slot.State.SubscriptionId, slot.State.Reason ?? SubscriptionDecision.Timeout, Clock.GetUtcNow(), slot.EndedBy));

    /// <summary>One subscription of the shard, and what it holds in memory only.</summary>
    public sealed class Slot : EntitySlot<SubscriptionState>
    {
        private IEventPackage? package;
        private ISubscriptionView? view;

        /// <summary>The subscription's event package (by its state's).</summary>
        public IEventPackage Package => package is { } known && known.Name == State.Package ? known : package = EventPackages.Get(State.Package);

        /// <summary>What the subscription holds of its resource's state, as its package keeps it (made on first use).</summary>
        public ISubscriptionView View
        {
            get
            {
                if (view is null || package is null || package.Name != State.Package || (State.List is null) == view is ResourceListView)
                {
                    view = State.List is { } list && ListView is { } make ? make(list) : Package.NewView();
                }

                return view;
            }
        }

        /// <summary>Makes a list subscription's view (set by the shard, which knows the options).</summary>
        public Func<Rls.ListTarget, ISubscriptionView>? ListView { get; set; }

        /// <summary>Until when a new list subscription waits for its resources' first answers before its first NOTIFY.</summary>
        public DateTimeOffset? ListWaitUntil { get; set; }

        /// <summary>The NOTIFY rules' state: what is out, what is due, what is held back (RFC 6665, RFC 6446).</summary>
        public Notifier Notifier { get; set; } = Notifier.Start(TimeSpan.Zero);

        /// <summary>The presentity knows this subscription (it answered a Watch or told a change).</summary>
        public bool Watching { get; set; }

        /// <summary>
        /// The Watch out was sent for a SUBSCRIBE or a decision, whose NOTIFY follows the answer; a quiet one (a restarted
        /// subscription making sure the presentity knows it before it sleeps) notifies only of news.
        /// </summary>
        public bool NotifyWhenKnown { get; set; }

        /// <summary>The last NOTIFY CSeq used (or, after a start, possibly used: the highest journaled or reserved).</summary>
        public uint LastCSeq { get; set; }

        /// <summary>When the subscription last received a request, a change or an outcome.</summary>
        public DateTimeOffset LastActivity { get; set; }

        /// <summary>The next look at idleness is not before this (one look per half idle timeout while it cannot sleep).</summary>
        public DateTimeOffset IdleLookAfter { get; set; }

        /// <summary>The CSeq and start (Stopwatch ticks) of the last NOTIFY sent, for its latency when its answer comes.</summary>
        public uint SentCSeq { get; set; }

        public long SentAt { get; set; }

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

        /// <summary>A list subscription's back-end subscriptions, by resource (in memory only; SubscriptionShard.Backend.cs).</summary>
        public Dictionary<string, Rls.BackendSubscription>? Backends { get; set; }

        /// <summary>The subscription's number in the shard, for the correlation of its NOTIFYs (given on the first).</summary>
        public uint? Number { get; set; }
    }
}
