using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Sharding;

namespace SimpleActors.Engine.Entities;

/// <summary>
/// The entities of one shard of a region, held in one actor (docs/sip-edge.md, "Registrar", and docs/presence.md say
/// why: an actor per entity kept about 3.5 KB of Akka's per-actor state, and a storm of users never seen spent the node's
/// time starting, recovering and collecting them). Each entity keeps its own event stream (the prefix and its id),
/// decided by its kind's pure functions and applied by <see cref="IEntityState{TSelf,TEvent}.Apply"/> exactly as an
/// actor of its own would; <c>history</c> and the journal's rows do not see the difference.
/// <list type="bullet">
/// <item>Commands for one entity are handled one at a time (a command waits while its entity recovers or writes);
/// entities do not wait for each other. What a command does after its write (the reply: a 2xx only once the events are
/// in the journal) runs once the write is in.</item>
/// <item>The shard's own stream (<c>shard prefix + shard id</c>) lists the entities that hold something live: after a
/// restart or a move the shard recovers them, so their expiries and timers go on, as remember-entities did for an actor
/// per entity. One event holds every change that came while the previous one was written.</item>
/// <item>One timer for the shard: each entity has at most one entry in a queue of due times
/// (<see cref="DueAt"/>, by default its state's next expiry).</item>
/// <item>Snapshots per entity every N events, of the member list every <see cref="MembersSnapshotEvery"/> changes.</item>
/// <item>An entity that holds nothing is let go from memory once idle (<see cref="KeepInMemory"/> may keep it a while);
/// its next command reads it again.</item>
/// </list>
/// Sharding gives each shard one home in the cluster, so this actor is the only writer of its entities' streams.
/// </summary>
/// <typeparam name="TState">The entity's state record.</typeparam>
/// <typeparam name="TEvent">The entity's event marker.</typeparam>
/// <typeparam name="TSlot">What the shard holds per entity.</typeparam>
public abstract class EntityShard<TState, TEvent, TSlot> : UntypedActor
    where TState : class, IEntityState<TState, TEvent>
    where TEvent : class
    where TSlot : EntitySlot<TState>, new()
{
    /// <summary>How many member-list events between two snapshots of the member list.</summary>
    public const int MembersSnapshotEvery = 200;

    /// <summary>How soon a due time that found its entity busy (or held back) is looked at again.</summary>
    private static readonly TimeSpan BusyRetry = TimeSpan.FromMilliseconds(250);

    private readonly string streamPrefix;
    private readonly string shardStreamId;
    private readonly bool legacy;
    private readonly int snapshotEvery;
    private readonly IActorRef journal;
    private readonly IActorRef snapshots;
    private readonly string writerGuid = Guid.NewGuid().ToString();
    private readonly Dictionary<string, TSlot> slots = new(StringComparer.Ordinal);
    private readonly HashSet<string> members = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> due = new();
    private readonly LiveTally? tally;
    private long live;
    private List<(object Message, IActorRef Sender)>? beforeRecovery = [];
    private List<string> joining = [];
    private List<string> leaving = [];
    private List<string>? membersInFlight;
    private long membersSequenceNr;
    private int membersSinceSnapshot;
    private int writesInFlight;
    private bool stopping;
    private ICancelable? timer;
    private DateTimeOffset? timerAt;

    /// <param name="shardId">The shard's id (a number); any other id is an entity an actor per entity left remembered.</param>
    /// <param name="streamPrefix">The prefix of each entity's persistence id.</param>
    /// <param name="shardStreamPrefix">The prefix of the shard's own persistence id.</param>
    /// <param name="clock">The time entities decide with.</param>
    /// <param name="snapshotEvery">Events of one entity between two of its snapshots.</param>
    /// <param name="liveGauge">The node's gauge of what the entities hold (<see cref="LiveCount"/>), or null.</param>
    protected EntityShard(string shardId, string streamPrefix, string shardStreamPrefix, TimeProvider clock, int snapshotEvery, UpDownCounter<long>? liveGauge)
    {
        ArgumentException.ThrowIfNullOrEmpty(shardId);
        ArgumentException.ThrowIfNullOrEmpty(streamPrefix);
        ArgumentException.ThrowIfNullOrEmpty(shardStreamPrefix);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotEvery, 1);
        this.streamPrefix = streamPrefix;
        shardStreamId = shardStreamPrefix + shardId;
        legacy = !int.TryParse(shardId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _);
        Clock = clock;
        this.snapshotEvery = snapshotEvery;
        tally = liveGauge is null ? null : new LiveTally(liveGauge);
        var persistence = Akka.Persistence.Persistence.Instance.Apply(Context.System);
        journal = persistence.JournalFor(null);
        snapshots = persistence.SnapshotStoreFor(null);
    }

    protected TimeProvider Clock { get; }

    protected ILoggingAdapter Log { get; } = Context.GetLogger();

    /// <summary>The entity's state before anything happened to it.</summary>
    protected abstract TState EmptyState(string id);

    /// <summary>The id of the entity <paramref name="message"/> is a command for, or null if it is not a command.</summary>
    protected abstract string? EntityIdOf(object message);

    /// <summary>Handles one command of a ready entity that is not writing (it may call <see cref="Write"/> once).</summary>
    protected abstract void Handle(TSlot slot, object command, IActorRef sender);

    /// <summary>The events that record what has expired in the entity by <paramref name="now"/> (none: held back).</summary>
    protected abstract IReadOnlyList<TEvent> Expire(TSlot slot, DateTimeOffset now);

    /// <summary>
    /// Whether the shard keeps a member list (its own stream) and recovers those entities when it starts: true for
    /// entities whose timers must run although no message comes (expiries). A kind whose entities are woken by others
    /// (a subscription, by its presentity) has none.
    /// </summary>
    protected virtual bool KeepsMemberList => true;

    /// <summary>What to do once expiry events are in the journal (a presentity tells its watchers).</summary>
    protected virtual void AfterExpiry(TSlot slot, IReadOnlyList<TEvent> expired)
    {
    }

    /// <summary>What to do once the entity is recovered, before any command (a presentity sets its wake-up times).</summary>
    protected virtual void AfterRecovery(TSlot slot)
    {
    }

    /// <summary>When the entity next wants <see cref="OnDue"/>: by default its state's next expiry.</summary>
    protected virtual DateTimeOffset? DueAt(TSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return slot.State.NextExpiry;
    }

    /// <summary>A due time came (the entity is ready and not writing): by default its expired state goes.</summary>
    protected virtual void OnDue(TSlot slot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.State.NextExpiry <= now)
        {
            ExpireNow(slot, now);
        }
    }

    /// <summary>Keeps an entity that holds nothing in memory a while longer (a presentity whose watchers come and go).</summary>
    protected virtual bool KeepInMemory(TSlot slot, DateTimeOffset now) => false;

    /// <summary>
    /// Whether an idle entity (ready, not writing, nothing waiting) leaves memory now: by default when it holds nothing,
    /// is not on the member list and <see cref="KeepInMemory"/> does not keep it. A kind may let live entities go too
    /// (a sleeping subscription: its state is in the journal, its presentity wakes it).
    /// </summary>
    protected virtual bool LetGo(TSlot slot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return slot.State.IsEmpty && !members.Contains(slot.Id) && !KeepInMemory(slot, now);
    }

    /// <summary>An entity that holds nothing leaves memory (a kind may snapshot it first).</summary>
    protected virtual void LettingGo(TSlot slot)
    {
    }

    /// <summary>Another message than a command or the shard's own (false: unhandled).</summary>
    protected virtual bool OnOtherMessage(object message) => false;

    /// <summary>What the state counts in the live gauge: by default one while it is not empty.</summary>
    protected virtual long LiveCount(TState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.IsEmpty ? 0 : 1;
    }

    /// <summary>The stream id of the entity <paramref name="id"/>.</summary>
    protected string StreamOf(string id) => streamPrefix + id;

    protected override void PreStart()
    {
        if (legacy)
        {
            // An entity that a journal written before the shards still remembers as an actor of its own. Passivating takes
            // it off the remembered list; its state stays in its stream and joins the member list of its shard when it
            // is next used.
            Log.Info("Letting go of the remembered entity {0} (entities are held per shard now)", shardStreamId);
            Context.Parent.Tell(new Akka.Cluster.Sharding.Passivate(StopEntity.Instance));
            return;
        }

        if (KeepsMemberList)
        {
            Recover(shardStreamId);
        }
        else
        {
            beforeRecovery = null;
        }
    }

    protected override void PostStop()
    {
        timer?.Cancel();
        tally?.Clear();
    }

    protected sealed override void OnReceive(object message)
    {
        if (!legacy && EntityIdOf(message) is { } id)
        {
            Route(id, message, Sender);
            return;
        }

        switch (message)
        {
            case WriteMessageSuccess success:
                Written(success.Persistent, null);
                break;
            case WriteMessageRejected rejected:
                Written(rejected.Persistent, rejected.Cause);
                break;
            case WriteMessageFailure failure:
                Written(failure.Persistent, failure.Cause);
                break;
            case WriteMessagesSuccessful or WriteMessagesFailed: // each message's own outcome follows
                break;
            case StreamRecovery.Recovered recovered when recovered.PersistenceId == shardStreamId:
                MembersRecovered(recovered);
                break;
            case StreamRecovery.Recovered recovered:
                EntityRecovered(recovered);
                break;
            case RecoveryFailed failed:
                RecoveryFailedFor(failed);
                break;
            case CheckDue:
                RunDue();
                break;
            case SaveSnapshotSuccess saved:
                snapshots.Tell(new DeleteSnapshots(saved.Metadata.PersistenceId, new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1)), Self);
                break;
            case SaveSnapshotFailure failed:
                Log.Warning(failed.Cause, "Snapshot of {0} failed", failed.Metadata.PersistenceId);
                break;
            case DeleteSnapshotsSuccess:
                break;
            case DeleteSnapshotsFailure failed:
                Log.Warning(failed.Cause, "Deleting old snapshots failed");
                break;
            case GetEntitiesInMemory:
                Sender.Tell(new EntitiesInMemory([.. slots.Keys]));
                break;
            case StopEntity:
                stopping = true;
                StopWhenIdle();
                break;
            default:
                if (!OnOtherMessage(message))
                {
                    Unhandled(message);
                }

                break;
        }
    }

    /// <summary>The entity <paramref name="id"/> if it is in memory.</summary>
    protected bool TryGetSlot(string id, out TSlot slot) => slots.TryGetValue(id, out slot!);

    /// <summary>The entity whose stream is <paramref name="streamId"/> (prefix checked by the caller), without a substring.</summary>
    private bool TryGetSlotOfStream(string streamId, out TSlot slot) =>
        slots.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(streamId.AsSpan(streamPrefix.Length), out slot!);

    /// <summary>
    /// Journals the entity's events and notes the member change they make; <paramref name="committed"/> (the reply, what
    /// the change tells others) runs once the events and the member change are in, with the new state in place. If the
    /// write fails, <paramref name="requester"/> gets a <see cref="Status.Failure"/> and the entity is read again.
    /// </summary>
    protected void Write(TSlot slot, IReadOnlyList<TEvent> events, IActorRef? requester, Action? committed)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(events);
        if (slot.Writing)
        {
            throw new InvalidOperationException($"{StreamOf(slot.Id)} is being written: one write at a time.");
        }

        var next = slot.State;
        foreach (var e in events)
        {
            next = next.Apply(e);
        }

        var joins = KeepsMemberList && !members.Contains(slot.Id) && !next.IsEmpty;
        var leaves = KeepsMemberList && members.Contains(slot.Id) && next.IsEmpty;
        if (events.Count == 0 && !joins && !leaves)
        {
            committed?.Invoke();
            return;
        }

        slot.Writing = true;
        slot.Failed = null;
        slot.Pending = 0;
        slot.Next = next;
        slot.NewEvents = events.Count;
        slot.Requester = requester;
        slot.Committed = committed;
        writesInFlight++;
        if (events.Count > 0)
        {
            var rows = ImmutableList.CreateBuilder<IPersistentRepresentation>();
            foreach (var e in events)
            {
                rows.Add(new Persistent(e, ++slot.SequenceNr, StreamOf(slot.Id), string.Empty, false, ActorRefs.NoSender, writerGuid));
            }

            slot.Pending++;
            journal.Tell(new WriteMessages([new AtomicWrite(rows.ToImmutable())], Self, 1));
        }

        if (joins || leaves)
        {
            // The member list follows at once, so the next change of another entity is judged against it.
            _ = joins ? members.Add(slot.Id) : members.Remove(slot.Id);
            (joins ? joining : leaving).Add(slot.Id);
            slot.Pending++;
            WriteMemberChanges();
        }
    }

    /// <summary>Expires what is due in the entity now, and then runs <see cref="AfterExpiry"/>.</summary>
    protected void ExpireNow(TSlot slot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(slot);
        var expired = Expire(slot, now);
        if (expired.Count > 0)
        {
            Write(slot, expired, null, () => AfterExpiry(slot, expired));
        }
    }

    /// <summary>
    /// The entity's due time may have moved earlier (a kind's own timer): queue it. A time already past (a due time the
    /// entity held back) is looked at again shortly, not at once, so that it cannot keep the shard busy.
    /// </summary>
    protected void Reschedule(TSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (DueAt(slot) is not { } next)
        {
            return;
        }

        var now = Clock.GetUtcNow();
        if (next <= now)
        {
            next = now + BusyRetry;
        }

        if (slot.QueuedDue is not { } queued || next < queued)
        {
            Queue(slot, next);
        }
    }

    private void Route(string id, object command, IActorRef sender)
    {
        if (beforeRecovery is not null)
        {
            beforeRecovery.Add((command, sender));
            return;
        }

        if (!slots.TryGetValue(id, out var slot))
        {
            slot = NewSlot(id);
            Recover(StreamOf(id), mayBeNew: true);
        }

        if (!slot.Ready || slot.Writing)
        {
            (slot.Waiting ??= new Queue<(object, IActorRef)>()).Enqueue((command, sender));
            return;
        }

        Handle(slot, command, sender);
        AfterHandling(slot);
    }

    private TSlot NewSlot(string id)
    {
        var slot = new TSlot { Id = id, State = EmptyState(id) };
        slots.Add(id, slot);
        return slot;
    }

    /// <summary>Writes the member changes noted since the last such write, unless one is being written.</summary>
    private void WriteMemberChanges()
    {
        if (membersInFlight is not null || (joining.Count == 0 && leaving.Count == 0))
        {
            return;
        }

        var change = new ShardMembersChanged(joining, leaving);
        membersInFlight = [.. joining, .. leaving];
        joining = [];
        leaving = [];
        membersSinceSnapshot++;
        var row = new Persistent(change, ++membersSequenceNr, shardStreamId, string.Empty, false, ActorRefs.NoSender, writerGuid);
        journal.Tell(new WriteMessages([new AtomicWrite(row)], Self, 1));
    }

    /// <summary>The outcome of a write: a row of an entity's events, or the member list's.</summary>
    private void Written(IPersistentRepresentation row, Exception? cause)
    {
        if (row.PersistenceId == shardStreamId)
        {
            if (cause is not null)
            {
                // The member list's sequence has a hole now: start again from the journal (commands wait in the mailbox).
                throw new InvalidOperationException($"Writing the member list of {shardStreamId} failed.", cause);
            }

            var confirmed = membersInFlight ?? [];
            membersInFlight = null;
            foreach (var id in confirmed)
            {
                if (slots.TryGetValue(id, out var member) && member.Writing)
                {
                    Confirm(member);
                }
            }

            WriteMemberChanges();
            return;
        }

        if (!row.PersistenceId.StartsWith(streamPrefix, StringComparison.Ordinal)
            || !TryGetSlotOfStream(row.PersistenceId, out var slot) || !slot.Writing)
        {
            return;
        }

        if (cause is not null)
        {
            slot.Failed = cause;
        }

        // Each row of an atomic write reports; the entity's write counts once, by its last row.
        if (row.SequenceNr == slot.SequenceNr)
        {
            Confirm(slot);
        }
    }

    /// <summary>One of the slot's writes is in; after the last, the new state, what the command does then, what waited.</summary>
    private void Confirm(TSlot slot)
    {
        if (--slot.Pending > 0)
        {
            return;
        }

        writesInFlight--;
        slot.Writing = false;
        var requester = slot.Requester;
        var committed = slot.Committed;
        slot.Requester = null;
        slot.Committed = null;
        if (slot.Failed is { } failed)
        {
            // What the journal holds for this entity is unknown now: forget it; its next command reads it again.
            Log.Warning(failed, "Writing {0} failed", StreamOf(slot.Id));
            requester?.Tell(new Status.Failure(failed));
            Forget(slot);
            StopWhenIdle();
            return;
        }

        Count(slot.State, slot.Next!); // before the reply: whoever hears it sees the gauge moved
        slot.State = slot.Next!;
        slot.Next = null;
        slot.SinceSnapshot += slot.NewEvents;
        SnapshotWhenDue(slot); // before what follows may write again (the snapshot's sequence number is this write's)
        committed?.Invoke();
        Reschedule(slot);
        Drain(slot);
        StopWhenIdle();
    }

    private void Count(TState? before, TState after)
    {
        if (tally is null)
        {
            return;
        }

        live += LiveCount(after) - (before is null ? 0 : LiveCount(before));
        tally.Set(live);
    }

    private void SnapshotWhenDue(TSlot slot)
    {
        if (slot.SinceSnapshot >= snapshotEvery)
        {
            Snapshot(slot);
        }

        // Member changes still being written are in it too: if that write fails the shard starts again from the journal,
        // and a member found empty on recovery leaves.
        if (membersSinceSnapshot >= MembersSnapshotEvery)
        {
            membersSinceSnapshot = 0;
            snapshots.Tell(new SaveSnapshot(new SnapshotMetadata(shardStreamId, membersSequenceNr, Clock.GetUtcNow().UtcDateTime), new ShardMembers([.. members])), Self);
        }
    }

    /// <summary>Saves the entity's state as its snapshot.</summary>
    protected void Snapshot(TSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        slot.SinceSnapshot = 0;
        snapshots.Tell(new SaveSnapshot(new SnapshotMetadata(StreamOf(slot.Id), slot.SequenceNr, Clock.GetUtcNow().UtcDateTime), slot.State), Self);
    }

    /// <summary>Handles what waited for the entity, one command at a time, until one writes or none is left.</summary>
    private void Drain(TSlot slot)
    {
        while (!slot.Writing && slot.Waiting is { Count: > 0 } waiting)
        {
            var (command, sender) = waiting.Dequeue();
            Handle(slot, command, sender);
        }

        if (slot.Waiting is { Count: 0 })
        {
            slot.Waiting = null; // most entities wait once, while they are read; the queue is not kept for their life
        }

        AfterHandling(slot);
    }

    private void AfterHandling(TSlot slot)
    {
        if (slot.Ready && !slot.Writing && slot.Waiting is not { Count: > 0 } && slots.ContainsKey(slot.Id))
        {
            if (!LetGo(slot, Clock.GetUtcNow()))
            {
                Reschedule(slot);
                return;
            }

            LettingGo(slot);
            Count(slot.State, EmptyState(slot.Id));
            slots.Remove(slot.Id);
        }
    }

    private void Forget(TSlot slot)
    {
        Count(slot.State, EmptyState(slot.Id));
        slots.Remove(slot.Id);
        if (slot.Waiting is { } waiting)
        {
            foreach (var (command, sender) in waiting)
            {
                Route(slot.Id, command, sender);
            }
        }
    }

    private void Recover(string streamId, bool mayBeNew = false)
    {
        var self = Self;
        StreamRecovery.RecoverAsync(snapshots, journal, ((ExtendedActorSystem)Context.System).Provider, streamId, mayBeNew)
            .PipeTo(self, failure: e => new RecoveryFailed(streamId, e));
    }

    private void MembersRecovered(StreamRecovery.Recovered recovered)
    {
        if (recovered.Snapshot is ShardMembers snapshot)
        {
            members.UnionWith(snapshot.Ids);
        }

        foreach (var change in recovered.Events.OfType<ShardMembersChanged>())
        {
            members.UnionWith(change.Joined);
            members.ExceptWith(change.Left);
        }

        membersSequenceNr = recovered.HighestSequenceNr;
        membersSinceSnapshot = recovered.Events.Count;

        // Every entity that held something comes back, so that what expired meanwhile goes now and the rest on time.
        foreach (var id in members)
        {
            if (!slots.ContainsKey(id))
            {
                NewSlot(id);
                Recover(StreamOf(id));
            }
        }

        var waited = beforeRecovery!;
        beforeRecovery = null;
        foreach (var (command, sender) in waited)
        {
            Route(EntityIdOf(command)!, command, sender);
        }
    }

    private void EntityRecovered(StreamRecovery.Recovered recovered)
    {
        if (!recovered.PersistenceId.StartsWith(streamPrefix, StringComparison.Ordinal)
            || !TryGetSlotOfStream(recovered.PersistenceId, out var slot) || slot.Ready)
        {
            return;
        }

        var state = recovered.Snapshot as TState ?? EmptyState(slot.Id);
        foreach (var e in recovered.Events)
        {
            state = state.Apply((TEvent)e);
        }

        Count(null, state);
        slot.State = state;
        slot.SequenceNr = recovered.HighestSequenceNr;
        slot.SinceSnapshot = recovered.Events.Count;
        slot.Ready = true;
        if (KeepsMemberList && members.Contains(slot.Id) == state.IsEmpty)
        {
            // A member that emptied while the list was not told leaves; an entity that holds something the list does not
            // have (written before the shards, or while a member change failed) joins.
            Write(slot, [], null, null);
        }

        AfterRecovery(slot);

        // What fell due while the entity was away (an expiry) goes before any command.
        var now = Clock.GetUtcNow();
        if (!slot.Writing && DueAt(slot) <= now)
        {
            OnDue(slot, now);
        }

        Reschedule(slot);
        Drain(slot);
    }

    private void RecoveryFailedFor(RecoveryFailed failed)
    {
        if (failed.PersistenceId == shardStreamId)
        {
            throw new InvalidOperationException($"Recovering {shardStreamId} failed.", failed.Cause);
        }

        Log.Warning(failed.Cause, "Recovering {0} failed", failed.PersistenceId);
        if (slots.Remove(failed.PersistenceId[streamPrefix.Length..], out var slot) && slot.Waiting is { } waiting)
        {
            foreach (var (_, sender) in waiting)
            {
                sender.Tell(new Status.Failure(failed.Cause));
            }
        }
    }

    /// <summary>
    /// Puts the entity in the due queue at <paramref name="at"/>; the shard's one timer goes off for the earliest entry.
    /// An entity has one entry: a due time that moves later leaves the entry, which finds the later time when it comes
    /// and is queued again for it (so refreshes do not pile up entries).
    /// </summary>
    private void Queue(TSlot slot, DateTimeOffset at)
    {
        slot.QueuedDue = at;
        due.Enqueue(slot.Id, at);
        ArmTimer(at);
    }

    private void ArmTimer(DateTimeOffset at)
    {
        if (timerAt is { } armed && armed <= at)
        {
            return;
        }

        timer?.Cancel();
        timerAt = at;
        var delay = at - Clock.GetUtcNow();
        timer = Context.System.Scheduler.ScheduleTellOnceCancelable(
            delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Self, CheckDue.Instance, ActorRefs.NoSender);
    }

    private void RunDue()
    {
        timerAt = null;
        var now = Clock.GetUtcNow();

        // The entries due now, taken first: what their handling queues (even for a time already past) waits for the next
        // run of the timer, so that a due time an entity keeps in the past cannot hold the shard in this loop.
        var dueNow = new List<(string Id, DateTimeOffset At)>();
        while (due.TryPeek(out var id, out var at) && at <= now)
        {
            due.Dequeue();
            dueNow.Add((id, at));
        }

        List<TSlot>? later = null;
        foreach (var (id, at) in dueNow)
        {
            if (!slots.TryGetValue(id, out var slot) || slot.QueuedDue != at)
            {
                continue; // let go, or an entry an earlier one replaced
            }

            slot.QueuedDue = null;
            if (DueAt(slot) is not { } when)
            {
                AfterHandling(slot);
                continue;
            }

            if (when > now || !slot.Ready || slot.Writing)
            {
                // Moved later since (queue it for its new time), or busy (look again shortly; its write re-queues it too).
                (later ??= []).Add(slot);
                continue;
            }

            OnDue(slot, now);
            if (!slot.Writing)
            {
                (later ??= []).Add(slot);
                AfterHandling(slot);
            }
        }

        foreach (var slot in later ?? [])
        {
            if (slot.QueuedDue is null && slots.ContainsKey(slot.Id) && DueAt(slot) is { } when)
            {
                Queue(slot, when > now ? when : now + BusyRetry);
            }
        }

        if (due.TryPeek(out _, out var earliest))
        {
            ArmTimer(earliest);
        }
    }

    private void StopWhenIdle()
    {
        if (stopping && writesInFlight == 0)
        {
            Context.Stop(Self);
        }
    }

    private sealed record RecoveryFailed(string PersistenceId, Exception Cause);

    private sealed class CheckDue
    {
        public static readonly CheckDue Instance = new();
    }
}
