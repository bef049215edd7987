using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Event;
using Akka.Cluster.Sharding;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Subscription;

namespace SimpleActors.Engine.Presence;

/// <summary>
/// The Presentity entity of one presence AOR: persists what <see cref="PresentityDecision"/> decides, replies once
/// the events are in the journal, expires publications on time (also after a restart or a move), keeps the set of
/// watching subscriptions and tells each of them the new state on every change (each Subscription sends its own
/// NOTIFY: 1,000 watchers cost 1,000 messages, not 1,000 steps here), and passivates when nothing is published
/// and nobody watches (<see cref="EventSourcedEntity{TState,TEvent}"/>).
/// </summary>
public sealed class PresentityActor : EventSourcedEntity<PresentityState, IPresentityEvent>, IWithTimers
{
    /// <summary>The prefix of every Presentity persistence id.</summary>
    public const string PersistenceIdPrefix = "presentity|";

    private readonly PublicationOptions options;
    private readonly TimeSpan emptyLinger;

    /// <summary>How long an empty presentity stays by default: watchers that come and go find it in memory.</summary>
    public static readonly TimeSpan DefaultEmptyLinger = TimeSpan.FromSeconds(30);
    private readonly ComposedDocument composed = new();
    private IActorRef? subscriptions;

    // When to wake each watching subscription, should it sleep then (its expiry; in memory only, see WakeAt).
    private readonly Dictionary<string, DateTimeOffset> wakes = new(StringComparer.Ordinal);
    private const string WakeTimer = "wake";
    private DateTimeOffset? wakeArmedFor;

    // How soon a wake-up asked for a time already past is sent: the subscription is awake then and ends itself.
    private static readonly TimeSpan WakeNoSoonerThan = TimeSpan.FromMilliseconds(500);

    public PresentityActor(string aor, PublicationOptions options, TimeProvider clock, int snapshotEvery, IActorRef? subscriptions, TimeSpan emptyLinger)
        : base(PersistenceIdPrefix + aor, PresentityState.Empty(aor), clock, snapshotEvery)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.subscriptions = subscriptions;
        this.emptyLinger = emptyLinger;
    }

    /// <summary>Akka's timers, for this entity's own (the shared expiry and linger timers are the base's).</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(
        string aor, PublicationOptions options, TimeProvider? clock = null, int snapshotEvery = 100, IActorRef? subscriptions = null,
        TimeSpan? emptyLinger = null) =>
        EntityProps.Of(() => new PresentityActor(aor, options, clock ?? TimeProvider.System, snapshotEvery, subscriptions, emptyLinger ?? DefaultEmptyLinger));

    protected override TimeSpan EmptyLinger => emptyLinger;

    protected override UpDownCounter<long> LiveGauge => EngineMetrics.Publications;

    /// <summary>Each publication (entity-tag) counts; watchers are counted by their subscriptions.</summary>
    protected override long LiveCount(PresentityState state) => state.Publications.Count;

    protected override bool OnEntityCommand(object message)
    {
        switch (message)
        {
            case Publish command:
                Decide(command);
                break;
            case Watch watch:
                AddWatcher(watch);
                break;
            case WakeAt wake:
                if (State.Watchers.Exists(w => w.SubscriptionId == wake.SubscriptionId))
                {
                    WakeAt(wake.SubscriptionId, wake.ExpiresAt);
                }

                break;
            case Retell:
                TellWatchers();
                break;
            case WakeDue:
                WakeDueSubscriptions();
                break;
            case AuthorizeWatcher authorize:
                Authorize(authorize);
                break;
            case Unwatch unwatch:
                RemoveWatcher(unwatch);
                break;
            default:
                return false;
        }

        return true;
    }

    /// <summary>Wake-ups at the expiry each watcher was added with.</summary>
    protected override void AfterRecovery()
    {
        foreach (var watcher in State.Watchers.Where(w => w.ExpiresAt != default))
        {
            wakes[watcher.SubscriptionId] = watcher.ExpiresAt;
        }

        ArmWake();

        // A change persisted just before the entity stopped may not have reached its watchers: the node's subscription
        // region had stopped in the last moments of a hand-off, or the node died between the write and the telling. Tell
        // them once more, shortly (the region may start after a remembered entity); a subscription notifies only of a
        // version it has not sent.
        if (State.Version > 0 && !State.Watchers.IsEmpty && Clock.GetUtcNow() - State.ChangedAt < RetellWithin)
        {
            Timers.StartSingleTimer(RetellTimer, Retell.Instance, RetellDelay);
        }
    }

    private void Decide(Publish command)
    {
        var version = State.Version;
        var (events, reply) = PresentityDecision.Publish(State, command, Clock.GetUtcNow(), options);
        var sender = Sender;
        PersistThen(events, () =>
        {
            sender.Tell(reply);
            TellWatchersIfChanged(version);
        });
    }

    private void AddWatcher(Watch watch)
    {
        var sender = Sender;
        IReadOnlyList<IPresentityEvent> events = State.Watchers.Exists(w => w.SubscriptionId == watch.SubscriptionId)
            ? []
            : [new WatcherAdded(State.Aor, watch.SubscriptionId, watch.Watcher, Clock.GetUtcNow(), watch.Package, watch.Status, watch.ExpiresAt, watch.Request)];
        PersistWatchers(events, () =>
        {
            WakeAt(watch.SubscriptionId, watch.ExpiresAt);
            if (watch.Package == EventPackages.WatcherInfo)
            {
                // Through the region, like every later change, so the snapshot cannot overtake them.
                Subscriptions.Tell(new WatcherInfoSnapshot(watch.SubscriptionId, State.Aor, WatcherInfoChanges.Snapshot(State)));
            }
            else
            {
                sender.Tell(new PresenceDocument(State.Aor, State.Version, composed.For(State), State.RuleFor(watch.Watcher), composed.DigestFor(State)));
            }
        });
    }

    private void WakeDueSubscriptions()
    {
        wakeArmedFor = null;
        var now = Clock.GetUtcNow();
        foreach (var (id, at) in wakes.Where(w => w.Value <= now).ToList())
        {
            wakes.Remove(id);
            Subscriptions.Tell(new WakeSubscription(id));
        }

        ArmWake();
    }

    private void Authorize(AuthorizeWatcher authorize)
    {
        var sender = Sender;
        PersistWatchers([new WatcherAuthorized(State.Aor, authorize.Watcher, authorize.Decision, authorize.By, Clock.GetUtcNow())], () =>
        {
            var current = State.Watchers.Where(w => w.IsPresence && w.Watcher == authorize.Watcher).ToList();
            foreach (var watcher in current)
            {
                Subscriptions.Tell(new ApplyAuthorization(watcher.SubscriptionId, authorize.Decision, Clock.GetUtcNow()));
            }

            sender.Tell(new WatcherAuthorization(State.Aor, authorize.Watcher, authorize.Decision, current.Count));
        });
    }

    private void RemoveWatcher(Unwatch unwatch)
    {
        IReadOnlyList<IPresentityEvent> events = State.Watchers.Exists(w => w.SubscriptionId == unwatch.SubscriptionId)
            ? [new WatcherRemoved(State.Aor, unwatch.SubscriptionId, unwatch.Reason, Clock.GetUtcNow(), unwatch.Request)]
            : [];
        PersistWatchers(events, () =>
        {
            if (wakes.Remove(unwatch.SubscriptionId))
            {
                ArmWake();
            }
        });
    }

    /// <summary>Wake the subscription at <paramref name="at"/>; an unknown time (default) asks for no wake-up.</summary>
    private void WakeAt(string subscriptionId, DateTimeOffset at)
    {
        if (at == default)
        {
            return;
        }

        wakes[subscriptionId] = at;
        ArmWake();
    }

    /// <summary>
    /// One timer, for the earliest wake-up; a time already past is taken as a little later. A timer already set for
    /// an earlier time stays (it re-arms when it fires), so a stream of wake-ups cannot keep pushing it back.
    /// </summary>
    private void ArmWake()
    {
        if (wakes.Count == 0)
        {
            Timers.Cancel(WakeTimer);
            wakeArmedFor = null;
            return;
        }

        var now = Clock.GetUtcNow();
        var earliest = wakes.Values.Min();
        var target = earliest > now + WakeNoSoonerThan ? earliest : now + WakeNoSoonerThan;
        if (wakeArmedFor is { } armed && armed <= target)
        {
            return;
        }

        wakeArmedFor = target;
        Timers.StartSingleTimer(WakeTimer, WakeDue.Instance, target - now);
    }

    protected override IReadOnlyList<IPresentityEvent> Expire(PresentityState state, DateTimeOffset now) =>
        PresentityDecision.Expire(state, now);

    // RFC 3903 section 4.1: an expired publication changes the composed state; watchers are told at that moment.
    protected override void AfterExpiry(IReadOnlyList<IPresentityEvent> expired) => TellWatchers();

    /// <summary>
    /// The Subscription region, resolved on first use (a remembered presentity can start before it). When this node is
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
                    Log.Warning("Presentity {0}: no subscription region ({1}); watchers not told of version {2}", State.Aor, e.Message, State.Version);
                    return ActorRefs.Nobody;
                }
            }

            return subscriptions;
        }
    }

    /// <summary>
    /// Persists watcher events, then tells every watcher-info subscription what they changed (RFC 3857 section 5.1:
    /// a NOTIFY on every change of the watcher set), then runs <paramref name="then"/>.
    /// </summary>
    private void PersistWatchers(IReadOnlyList<IPresentityEvent> events, Action then)
    {
        var before = State;
        PersistThen(events, () =>
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
                foreach (var winfo in State.Watchers.Where(w => w.Package == EventPackages.WatcherInfo))
                {
                    Subscriptions.Tell(new WatchersChanged(winfo.SubscriptionId, State.Aor, changes));
                }
            }

            then();
        });
    }

    private void TellWatchersIfChanged(long before)
    {
        if (State.Version != before)
        {
            TellWatchers();
        }
    }

    private void TellWatchers()
    {
        if (State.Watchers.IsEmpty)
        {
            return;
        }

        var document = composed.For(State);
        var digest = composed.DigestFor(State);
        foreach (var watcher in State.Watchers)
        {
            if (!watcher.IsPresence)
            {
                continue;
            }

            Subscriptions.Tell(new PresenceChanged(watcher.SubscriptionId, State.Aor, State.Version, document, digest));
        }
    }

    /// <summary>
    /// How recent a change must be for a presentity that starts again to tell its watchers once more: longer than a
    /// node's failure detection, the resolver's StableAfter twice and the shards' hand-off (about 50 s with the shipped
    /// settings, docs/performance.md), so the entities of a lost or leaving node retell what they changed last.
    /// </summary>
    internal static readonly TimeSpan RetellWithin = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan RetellDelay = TimeSpan.FromSeconds(1);
    private const string RetellTimer = "retell";

    /// <summary>The timer's message: tell the watchers the current state once more, after a start.</summary>
    private sealed class Retell
    {
        public static readonly Retell Instance = new();
    }

    /// <summary>The timer's message: wake-ups are due.</summary>
    private sealed class WakeDue
    {
        public static readonly WakeDue Instance = new();
    }
}
