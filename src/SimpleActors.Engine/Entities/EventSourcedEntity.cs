using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using SimpleActors.Engine.Sharding;

namespace SimpleActors.Engine.Entities;

/// <summary>
/// What every sharded, event-sourced entity does around its pure decisions (DESIGN.md, "Entities"): recover
/// state with <see cref="IEntityState{TSelf,TEvent}.Apply"/>, persist decided events and act only once they are
/// in the journal, snapshot every N events, keep one timer for the next expiry (re-armed from absolute times
/// after recovery, so what expired meanwhile goes at once), and passivate when nothing live is held.
/// Messages are matched by a type switch, not by registered handlers: a registration storm starts thousands of
/// entities a second, and nothing per instance is built to dispatch (no delegates, match builders or logger of our
/// own; warnings go through Akka's <see cref="Eventsourced.Log"/>, which every persistent actor already has).
/// </summary>
/// <typeparam name="TState">The state record.</typeparam>
/// <typeparam name="TEvent">The entity's event marker.</typeparam>
public abstract class EventSourcedEntity<TState, TEvent> : UntypedPersistentActor
    where TState : class, IEntityState<TState, TEvent>
    where TEvent : class
{
    /// <summary>How long an entity that started empty waits before it passivates if nothing came to live in it.</summary>
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(10);

    /// <summary>How soon a due expiry that the entity held back is looked at again.</summary>
    private static readonly TimeSpan HeldBackRetry = TimeSpan.FromMilliseconds(250);

    private readonly int snapshotEvery;
    private int eventsSinceSnapshot;
    private ICancelable? expiryTimer;
    private ICancelable? lingerTimer;
    private int lingerGeneration;
    private bool passivating;
    private LiveTally? tally;

    protected EventSourcedEntity(string persistenceId, TState initial, TimeProvider clock, int snapshotEvery)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotEvery, 1);
        PersistenceId = persistenceId;
        State = initial;
        Clock = clock;
        this.snapshotEvery = snapshotEvery;
    }

    public override string PersistenceId { get; }

    protected TState State { get; private set; }

    protected TimeProvider Clock { get; }

    /// <summary>The events that record what has expired by <paramref name="now"/> (none if nothing has).</summary>
    protected abstract IReadOnlyList<TEvent> Expire(TState state, DateTimeOffset now);

    /// <summary>
    /// How long the entity stays once it holds nothing, before it passivates: zero passivates at once. An entity used
    /// again soon (a presentity whose watchers come and go) then keeps its state in memory instead of reading its
    /// journal on every start; when it does passivate it snapshots first, so the next start reads one row.
    /// </summary>
    protected virtual TimeSpan EmptyLinger => TimeSpan.Zero;

    /// <summary>The node's gauge this entity counts its live things in (<see cref="EngineMetrics"/>); null: none.</summary>
    protected virtual UpDownCounter<long>? LiveGauge => null;

    /// <summary>How many live things the state holds for <see cref="LiveGauge"/>: by default one while it is not empty.</summary>
    protected virtual long LiveCount(TState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.IsEmpty ? 0 : 1;
    }

    /// <summary>The incarnation stops (passivated, asleep, moved, restarted): what it counted as live leaves the gauge.</summary>
    protected override void PostStop()
    {
        CancelExpiryTimer();
        CancelLinger();
        tally?.Clear();
        base.PostStop();
    }

    /// <summary>What to do once the state is recovered, before any command (a Presentity arms its wake-up timers).</summary>
    protected virtual void AfterRecovery()
    {
    }

    /// <summary>What to do once the expiry events are in the journal (a Subscription sends its final NOTIFY).</summary>
    protected virtual void AfterExpiry(IReadOnlyList<TEvent> expired)
    {
    }

    /// <summary>
    /// Handles a command of the entity's own; false for a message it does not handle (the lifecycle messages every
    /// entity shares are offered after it, then <see cref="ActorBase.Unhandled"/>).
    /// </summary>
    protected abstract bool OnEntityCommand(object message);

    /// <summary>The entity's commands first, then the ones every entity shares.</summary>
    protected sealed override void OnCommand(object message)
    {
        if (!OnEntityCommand(message) && !OnLifecycleCommand(message))
        {
            Unhandled(message);
        }
    }

    /// <summary>The snapshot, then the events after it, then the end of the replay.</summary>
    protected sealed override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer offer:
                if (offer.Snapshot is TState snapshot)
                {
                    State = snapshot;
                }

                break;
            case TEvent e:
                State = State.Apply(e);
                eventsSinceSnapshot++;
                break;
            case RecoveryCompleted:
                Recovered();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Recovered()
    {
        CountLive();
        AfterRecovery();
        if (State.NextExpiry is not null)
        {
            Self.Tell(CheckExpiry.Instance); // expire at once what expired while the entity was away
        }
        else
        {
            // Started empty, for the command that woke it: passivating now would race that command (a reply to a
            // request it makes would reach a stopped incarnation). Look again when the entity has been idle a while.
            StartLinger(EmptyLinger > IdleCheck ? EmptyLinger : IdleCheck);
        }
    }

    /// <summary>The commands every entity shares; false for any other message.</summary>
    private bool OnLifecycleCommand(object message)
    {
        switch (message)
        {
            case CheckExpiry:
                ExpireDue();
                break;
            case SaveSnapshotSuccess success:
                DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1));
                break;
            case SaveSnapshotFailure failure:
                Log.Warning(failure.Cause, "Snapshot of {0} failed", PersistenceId);
                break;
            case DeleteSnapshotsSuccess:
                break;
            case DeleteSnapshotsFailure failure:
                Log.Warning(failure.Cause, "Deleting old snapshots of {0} failed", PersistenceId);
                break;
            case LingerOver over:
                if (over.Generation == lingerGeneration)
                {
                    LingerEnded();
                }

                break; // else the message of a wait cancelled after it fired
            case StopEntity:
                Context.Stop(Self);
                break;
            default:
                return false;
        }

        return true;
    }

    private void ExpireDue()
    {
        var expired = Expire(State, Clock.GetUtcNow());
        if (expired.Count == 0 && State.NextExpiry <= Clock.GetUtcNow())
        {
            // Due but held back by the entity (a final NOTIFY waits for its document): look again shortly, not in a spin.
            StartExpiryTimer(HeldBackRetry);
            return;
        }

        // Nothing due (the idle check of an entity that started empty): PersistThen only re-arms or passivates.
        PersistThen(expired, () =>
        {
            if (expired.Count > 0)
            {
                AfterExpiry(expired);
            }
        });
    }

    private void LingerEnded()
    {
        if (State.IsEmpty && !passivating)
        {
            if (eventsSinceSnapshot > 0 && EmptyLinger > TimeSpan.Zero)
            {
                eventsSinceSnapshot = 0;
                SaveSnapshot(State);
            }

            AskToPassivate();
        }
    }

    /// <summary>
    /// Persists the events (if any) and applies each; after the last one runs <paramref name="afterwards"/> (the
    /// reply: a 2xx only once the change is in the journal), snapshots when due, re-arms the expiry timer and
    /// passivates when empty.
    /// </summary>
    protected void PersistThen(IReadOnlyList<TEvent> events, Action afterwards)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(afterwards);
        if (events.Count == 0)
        {
            afterwards();
            AfterChange();
            return;
        }

        var remaining = events.Count;
        PersistAll(events, e =>
        {
            State = State.Apply(e);
            eventsSinceSnapshot++;
            if (--remaining == 0)
            {
                CountLive(); // before the reply: whoever hears it sees the gauge moved
                afterwards();
                if (eventsSinceSnapshot >= snapshotEvery)
                {
                    eventsSinceSnapshot = 0;
                    SaveSnapshot(State);
                }

                AfterChange();
            }
        });
    }

    /// <summary>
    /// Journals events without waiting for them: commands go on being handled while the write is under way, and each
    /// event is applied once written (in order with every other persist). For records whose loss in a crash costs only
    /// history, never a promise made (a NOTIFY inside its reserved CSeqs); snapshots when due.
    /// </summary>
    protected void Record(IReadOnlyList<TEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        PersistAllAsync(events, e =>
        {
            State = State.Apply(e);
            if (++eventsSinceSnapshot >= snapshotEvery)
            {
                eventsSinceSnapshot = 0;
                SaveSnapshot(State);
            }
        });
    }

    /// <summary>
    /// Asks the shard to stop this entity although it holds live state, which stays in the journal (a sleeping
    /// Subscription); a message for it later starts it again.
    /// </summary>
    protected void Sleep()
    {
        if (!passivating)
        {
            AskToPassivate();
        }
    }

    /// <summary>
    /// Asks the shard to passivate this entity when it holds nothing (after <see cref="EmptyLinger"/>, each change
    /// starting the wait again); a later change withdraws the wish.
    /// </summary>
    protected void PassivateIfEmpty()
    {
        if (State.IsEmpty && !passivating)
        {
            if (EmptyLinger > TimeSpan.Zero)
            {
                StartLinger(EmptyLinger);
                return;
            }

            AskToPassivate();
        }
        else if (!State.IsEmpty)
        {
            // A message that arrived after the Passivate was sent brought new state: ask again when empty.
            passivating = false;
            CancelLinger();
        }
    }

    private void AskToPassivate()
    {
        passivating = true;
        Context.Parent.Tell(new Passivate(StopEntity.Instance));
    }

    private void CountLive()
    {
        if (tally is null && LiveGauge is { } gauge)
        {
            tally = new LiveTally(gauge);
        }

        tally?.Set(LiveCount(State));
    }

    private void AfterChange()
    {
        if (State.NextExpiry is { } next)
        {
            var delay = next - Clock.GetUtcNow();
            StartExpiryTimer(delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
        }
        else
        {
            CancelExpiryTimer();
        }

        PassivateIfEmpty();
    }

    // The two timers every entity has go on the system scheduler directly, not through Akka's per-actor TimerScheduler
    // (IWithTimers): that one keeps a dictionary, a timer record and a wrapped message for every entity, about 350 bytes
    // more per entity in memory, for two timers whose stale firings are harmless (an expiry check looks at the state
    // again) or recognised (a linger carries its generation). Both are cancelled when the incarnation stops.
    private void StartExpiryTimer(TimeSpan delay)
    {
        expiryTimer?.Cancel();
        expiryTimer = Context.System.Scheduler.ScheduleTellOnceCancelable(delay, Self, CheckExpiry.Instance, ActorRefs.NoSender);
    }

    private void CancelExpiryTimer()
    {
        expiryTimer?.Cancel();
        expiryTimer = null;
    }

    private void StartLinger(TimeSpan delay)
    {
        lingerTimer?.Cancel();
        lingerTimer = Context.System.Scheduler.ScheduleTellOnceCancelable(delay, Self, new LingerOver(++lingerGeneration), ActorRefs.NoSender);
    }

    private void CancelLinger()
    {
        lingerTimer?.Cancel();
        lingerTimer = null;
        lingerGeneration++;
    }

    /// <summary>The timer's message: remove what has expired.</summary>
    private sealed class CheckExpiry
    {
        public static readonly CheckExpiry Instance = new();
    }

    /// <summary>The timer's message: the entity has held nothing for <see cref="EmptyLinger"/> (or started empty and idled).</summary>
    private sealed record LingerOver(int Generation);
}
