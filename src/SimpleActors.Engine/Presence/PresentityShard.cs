using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Subscription;

namespace SimpleActors.Engine.Presence;

/// <summary>
/// The presentities of one shard of the presentity region, in one actor (<see cref="EntityShard{TState,TEvent,TSlot}"/>):
/// each presence AOR keeps its own stream (<c>presentity|&lt;aor&gt;</c>) and persists what
/// <see cref="PresentityDecision"/> decides, replies once the events are in the journal, expires publications on time
/// (also after a restart or a move: the shard's stream <c>presentity-shard|&lt;n&gt;</c> lists the presentities that hold
/// publications or watchers), keeps the set of watching subscriptions and tells each of them the new state on every
/// change (each Subscription sends its own NOTIFY: 1,000 watchers cost 1,000 messages, not 1,000 steps here), wakes
/// sleeping subscriptions at their expiry (docs/presence.md, "Sleeping"), and lets a presentity that holds nothing go
/// from memory after <see cref="DefaultEmptyLinger"/>.
/// </summary>
public sealed class PresentityShard : EntityShard<PresentityState, IPresentityEvent, PresentityShard.Slot>
{
    /// <summary>The prefix of every Presentity persistence id.</summary>
    public const string PersistenceIdPrefix = "presentity|";

    /// <summary>The prefix of a shard's own persistence id.</summary>
    public const string ShardPersistenceIdPrefix = "presentity-shard|";

    /// <summary>How long an empty presentity stays by default: watchers that come and go find it in memory.</summary>
    public static readonly TimeSpan DefaultEmptyLinger = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How recent a change must be for a presentity that starts again to tell its watchers once more: longer than a
    /// node's failure detection, the resolver's StableAfter twice and the shards' hand-off (about 50 s with the shipped
    /// settings, docs/performance.md), so the presentities of a lost or leaving node retell what they changed last.
    /// </summary>
    internal static readonly TimeSpan RetellWithin = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan RetellDelay = TimeSpan.FromSeconds(1);

    // How soon a wake-up asked for a time already past is sent: the subscription is awake then and ends itself.
    private static readonly TimeSpan WakeNoSoonerThan = TimeSpan.FromMilliseconds(500);

    private readonly PublicationOptions options;
    private readonly TimeSpan emptyLinger;
    private IActorRef? subscriptions;

    public PresentityShard(
        string shardId, PublicationOptions options, TimeProvider clock, int snapshotEvery, IActorRef? subscriptions, TimeSpan emptyLinger)
        : base(shardId, PersistenceIdPrefix, ShardPersistenceIdPrefix, clock, snapshotEvery, EngineMetrics.Publications)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.subscriptions = subscriptions;
        this.emptyLinger = emptyLinger;
    }

    public static Props Props(
        string shardId, PublicationOptions options, TimeProvider? clock = null, int snapshotEvery = 100, IActorRef? subscriptions = null,
        TimeSpan? emptyLinger = null) =>
        EntityProps.Of(() => new PresentityShard(shardId, options, clock ?? TimeProvider.System, snapshotEvery, subscriptions, emptyLinger ?? DefaultEmptyLinger));

    protected override PresentityState EmptyState(string id) => PresentityState.Empty(id);

    protected override string? EntityIdOf(object message) => (message as IPresentityMessage)?.Aor;

    /// <summary>Each publication (entity-tag) counts; watchers are counted by their subscriptions.</summary>
    protected override long LiveCount(PresentityState state) => state.Publications.Count;

    protected override void Handle(Slot slot, object command, IActorRef sender)
    {
        slot.LingerUntil = Clock.GetUtcNow() + emptyLinger;
        switch (command)
        {
            case Publish publish:
                Decide(slot, publish, sender);
                break;
            case Watch watch:
                AddWatcher(slot, watch, sender);
                break;
            case WakeAt wake:
                if (slot.State.Watchers.ContainsKey(wake.SubscriptionId))
                {
                    WakeAt(slot, wake.SubscriptionId, wake.ExpiresAt);
                }

                break;
            case AuthorizeWatcher authorize:
                Authorize(slot, authorize, sender);
                break;
            case Unwatch unwatch:
                RemoveWatcher(slot, unwatch);
                break;
            default:
                Log.Warning("Unhandled presentity command {0}", command.GetType().Name);
                break;
        }
    }

    /// <summary>Wake-ups at the expiry each watcher was added with, and the retelling of a recent change.</summary>
    protected override void AfterRecovery(Slot slot)
    {
        var now = Clock.GetUtcNow();
        foreach (var watcher in slot.State.Watchers.Values.Where(w => w.ExpiresAt != default))
        {
            WakeAt(slot, watcher.SubscriptionId, watcher.ExpiresAt, now);
        }

        // A change persisted just before the shard stopped may not have reached its watchers: the node's subscription
        // region had stopped in the last moments of a hand-off, or the node died between the write and the telling. Tell
        // them once more, shortly (the region may start after this shard); a subscription notifies only of a version it
        // has not sent.
        if (slot.State.Version > 0 && !slot.State.Watchers.IsEmpty && now - slot.State.ChangedAt < RetellWithin)
        {
            slot.RetellAt = now + RetellDelay;
        }
    }

    protected override DateTimeOffset? DueAt(Slot slot)
    {
        DateTimeOffset? earliest = slot.State.NextExpiry;
        Earliest(ref earliest, slot.RetellAt);
        Earliest(ref earliest, slot.WakeEarliest());
        if (slot.State.IsEmpty)
        {
            Earliest(ref earliest, slot.LingerUntil);
        }

        return earliest;

        static void Earliest(ref DateTimeOffset? earliest, DateTimeOffset? other)
        {
            if (other is { } value && (earliest is null || value < earliest))
            {
                earliest = value;
            }
        }
    }

    protected override void OnDue(Slot slot, DateTimeOffset now)
    {
        if (slot.RetellAt <= now)
        {
            slot.RetellAt = null;
            TellWatchers(slot);
        }

        if (slot.Wakes is { Count: > 0 } wakes)
        {
            foreach (var (id, _) in wakes.Where(w => w.Value <= now).ToList())
            {
                wakes.Remove(id);
                Subscriptions.Tell(new WakeSubscription(id));
            }
        }

        if (slot.State.NextExpiry <= now)
        {
            ExpireNow(slot, now);
        }
    }

    // RFC 3903 section 4.1: an expired publication changes the composed state; watchers are told at that moment.
    protected override void AfterExpiry(Slot slot, IReadOnlyList<IPresentityEvent> expired) => TellWatchers(slot);

    protected override IReadOnlyList<IPresentityEvent> Expire(Slot slot, DateTimeOffset now) =>
        PresentityDecision.Expire(slot.State, now);

    protected override bool KeepInMemory(Slot slot, DateTimeOffset now) => slot.LingerUntil > now;

    /// <summary>An emptied presentity leaves memory with a snapshot, so its next start reads one row.</summary>
    protected override void LettingGo(Slot slot)
    {
        if (slot.SinceSnapshot > 0)
        {
            Snapshot(slot);
        }
    }

    private void Decide(Slot slot, Publish command, IActorRef sender)
    {
        var version = slot.State.Version;
        var (events, reply) = PresentityDecision.Publish(slot.State, command, Clock.GetUtcNow(), options);
        Write(slot, events, sender, () =>
        {
            sender.Tell(reply);
            if (slot.State.Version != version)
            {
                TellWatchers(slot);
            }
        });
    }

    private void AddWatcher(Slot slot, Watch watch, IActorRef sender)
    {
        var state = slot.State;
        IReadOnlyList<IPresentityEvent> events = state.Watchers.ContainsKey(watch.SubscriptionId)
            ? []
            : [new WatcherAdded(state.Aor, watch.SubscriptionId, watch.Watcher, Clock.GetUtcNow(), watch.Package, watch.Status, watch.ExpiresAt, watch.Request)];
        WriteWatchers(slot, events, sender, () =>
        {
            WakeAt(slot, watch.SubscriptionId, watch.ExpiresAt);
            var now = slot.State;
            if (watch.Package == EventPackages.WatcherInfo)
            {
                // Through the region, like every later change, so the snapshot cannot overtake them.
                Subscriptions.Tell(new WatcherInfoSnapshot(watch.SubscriptionId, now.Aor, WatcherInfoChanges.Snapshot(now)));
            }
            else
            {
                var composed = slot.Composed;
                sender.Tell(new PresenceDocument(now.Aor, now.Version, composed.For(now), now.RuleFor(watch.Watcher), composed.DigestFor(now), watch.SubscriptionId));
            }
        });
    }

    private void Authorize(Slot slot, AuthorizeWatcher authorize, IActorRef sender)
    {
        var at = Clock.GetUtcNow();
        WriteWatchers(slot, [new WatcherAuthorized(slot.Id, authorize.Watcher, authorize.Decision, authorize.By, at)], sender, () =>
        {
            var current = slot.State.Watchers.Values.Where(w => w.IsPresence && w.Watcher == authorize.Watcher).ToList();
            foreach (var watcher in current)
            {
                Subscriptions.Tell(new ApplyAuthorization(watcher.SubscriptionId, authorize.Decision, at));
            }

            sender.Tell(new WatcherAuthorization(slot.Id, authorize.Watcher, authorize.Decision, current.Count));
        });
    }

    private void RemoveWatcher(Slot slot, Unwatch unwatch)
    {
        IReadOnlyList<IPresentityEvent> events = slot.State.Watchers.ContainsKey(unwatch.SubscriptionId)
            ? [new WatcherRemoved(slot.Id, unwatch.SubscriptionId, unwatch.Reason, Clock.GetUtcNow(), unwatch.Request)]
            : [];
        WriteWatchers(slot, events, null, () => slot.Wakes?.Remove(unwatch.SubscriptionId));
    }

    /// <summary>Wake the subscription at <paramref name="at"/> (a time already past: a little later); default asks for none.</summary>
    private void WakeAt(Slot slot, string subscriptionId, DateTimeOffset at, DateTimeOffset? now = null)
    {
        if (at == default)
        {
            return;
        }

        var soonest = (now ?? Clock.GetUtcNow()) + WakeNoSoonerThan;
        (slot.Wakes ??= new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal))[subscriptionId] = at > soonest ? at : soonest;
        Reschedule(slot);
    }

    /// <summary>
    /// The Subscription region, resolved on first use (a remembered shard can start before it). When this node is
    /// stopping, the region may already have handed its shards off and stopped; the watchers are then told when the
    /// presentity starts again on another node (<see cref="RetellWithin"/>; docs/operations.md, "Cluster").
    /// </summary>
    private IActorRef Subscriptions
    {
        get
        {
            if (subscriptions is null)
            {
                try
                {
                    subscriptions = ClusterSharding.Get(Context.System).ShardRegion(Sharding.SubscriptionRegion.Name);
                }
                catch (ArgumentException e)
                {
                    Log.Warning("Presentities: no subscription region ({0}); watchers not told of a change", e.Message);
                    return ActorRefs.Nobody;
                }
            }

            return subscriptions;
        }
    }

    /// <summary>
    /// Writes watcher events, then tells every watcher-info subscription what they changed (RFC 3857 section 5.1: a
    /// NOTIFY on every change of the watcher set), then runs <paramref name="then"/>.
    /// </summary>
    private void WriteWatchers(Slot slot, IReadOnlyList<IPresentityEvent> events, IActorRef? requester, Action then)
    {
        var before = slot.State;
        Write(slot, events, requester, () =>
        {
            var changes = new List<WatcherState>();
            var state = before;
            foreach (var change in events)
            {
                changes.AddRange(WatcherInfoChanges.Between(state, change));
                state = state.Apply(change);
            }

            if (changes.Count > 0)
            {
                foreach (var winfo in slot.State.Watchers.Values.Where(w => w.Package == EventPackages.WatcherInfo))
                {
                    Subscriptions.Tell(new WatchersChanged(winfo.SubscriptionId, slot.Id, changes));
                }
            }

            then();
        });
    }

    private void TellWatchers(Slot slot)
    {
        var state = slot.State;
        if (state.Watchers.IsEmpty)
        {
            return;
        }

        var document = slot.Composed.For(state);
        var digest = slot.Composed.DigestFor(state);
        foreach (var watcher in state.Watchers.Values)
        {
            if (watcher.IsPresence)
            {
                Subscriptions.Tell(new PresenceChanged(watcher.SubscriptionId, state.Aor, state.Version, document, digest));
            }
        }
    }

    /// <summary>One presentity of the shard, and what it holds in memory only.</summary>
    public sealed class Slot : EntitySlot<PresentityState>
    {
        private ComposedDocument? composed;

        /// <summary>The composed document of the current version (made on first use: a presentity nobody watches needs none).</summary>
        public ComposedDocument Composed => composed ??= new ComposedDocument();

        /// <summary>When to wake each watching subscription, should it sleep then (its expiry; rebuilt on recovery).</summary>
        public Dictionary<string, DateTimeOffset>? Wakes { get; set; }

        /// <summary>When to tell the watchers the current state once more (after a recovery), if at all.</summary>
        public DateTimeOffset? RetellAt { get; set; }

        /// <summary>Until when the presentity stays in memory once it holds nothing.</summary>
        public DateTimeOffset LingerUntil { get; set; }

        public DateTimeOffset? WakeEarliest() => Wakes is { Count: > 0 } wakes ? wakes.Values.Min() : null;
    }
}
