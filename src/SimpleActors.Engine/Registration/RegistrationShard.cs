using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Sharding;

namespace SimpleActors.Engine.Registration;

/// <summary>
/// The registrations of one shard of the registration region, in one actor. Each address of record keeps its own event
/// stream (<c>registration|&lt;aor&gt;</c>), decided by <see cref="RegistrationDecision"/> and applied by
/// <see cref="RegistrationState.Apply"/> exactly as an entity of its own would; what changes is the hosting: an AOR costs
/// its bindings in memory, not an actor, and a user the node has never seen costs no actor start (docs/performance.md,
/// "Third round": an actor per AOR kept about 3.5 KB and made a registration storm's garbage collections the node's p99).
/// <list type="bullet">
/// <item>Commands for one AOR are handled one at a time (a command waits while its AOR recovers or writes); AORs do not
/// wait for each other. A reply leaves only once the AOR's events are in the journal.</item>
/// <item>The shard's own stream (<c>registration-shard|&lt;shard&gt;</c>) records which AORs hold bindings: an AOR's first
/// binding and its last removal are answered only once that list has them too; after a restart or a move the shard
/// recovers those AORs and expires their bindings on time, as remember-entities did for the actor per AOR. One event
/// holds every change that came while the previous one was written (a storm writes few rows more than its users').</item>
/// <item>One timer for the earliest expiry in the shard; snapshots per AOR every N events, of the member list every
/// <see cref="MembersSnapshotEvery"/> changes.</item>
/// <item>An AOR with nothing bound is let go from memory once its command is answered; the next command reads it again.</item>
/// </list>
/// Sharding gives each shard one home in the cluster, so this actor is the only writer of its AORs' streams.
/// </summary>
public sealed class RegistrationShard : UntypedActor
{
    /// <summary>The prefix of every AOR's persistence id (unchanged from the actor per AOR).</summary>
    public const string PersistenceIdPrefix = "registration|";

    /// <summary>The prefix of a shard's own persistence id.</summary>
    public const string ShardPersistenceIdPrefix = "registration-shard|";

    /// <summary>How many member-list events between two snapshots of the member list.</summary>
    public const int MembersSnapshotEvery = 200;

    /// <summary>How soon an expiry that found its AOR busy is looked at again.</summary>
    private static readonly TimeSpan BusyRetry = TimeSpan.FromMilliseconds(250);

    private readonly string persistenceId;
    private readonly bool legacy;
    private readonly RegistrarOptions options;
    private readonly TimeProvider clock;
    private readonly int snapshotEvery;
    private readonly IActorRef journal;
    private readonly IActorRef snapshots;
    private readonly string writerGuid = Guid.NewGuid().ToString();
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly Dictionary<string, Slot> slots = new(StringComparer.Ordinal);
    private readonly HashSet<string> members = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> expiries = new();
    private readonly LiveTally tally = new(EngineMetrics.Registrations);
    private List<(object Message, IActorRef Sender)>? beforeRecovery = [];
    private List<string> joining = [];
    private List<string> leaving = [];
    private List<string>? membersInFlight;
    private long membersSequenceNr;
    private int membersSinceSnapshot;
    private int writesInFlight;
    private bool stopping;
    private ICancelable? expiryTimer;
    private DateTimeOffset? expiryTimerAt;

    public RegistrationShard(string shardId, RegistrarOptions options, TimeProvider clock, int snapshotEvery)
    {
        ArgumentException.ThrowIfNullOrEmpty(shardId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotEvery, 1);
        persistenceId = ShardPersistenceIdPrefix + shardId;
        legacy = !int.TryParse(shardId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _);
        this.options = options;
        this.clock = clock;
        this.snapshotEvery = snapshotEvery;
        var persistence = Akka.Persistence.Persistence.Instance.Apply(Context.System);
        journal = persistence.JournalFor(null);
        snapshots = persistence.SnapshotStoreFor(null);
    }

    public static Props Props(string shardId, RegistrarOptions options, TimeProvider? clock = null, int snapshotEvery = 100) =>
        EntityProps.Of(() => new RegistrationShard(shardId, options, clock ?? TimeProvider.System, snapshotEvery));

    protected override void PreStart()
    {
        if (legacy)
        {
            // An AOR that a journal written before the shards still remembers as an entity of its own. Passivating takes
            // it off the remembered list; its bindings stay in its stream and join the member list of its shard when the
            // AOR is next used.
            log.Info("Letting go of the remembered registration entity {0} (registrations are held per shard now)", persistenceId);
            Context.Parent.Tell(new Akka.Cluster.Sharding.Passivate(StopEntity.Instance));
            return;
        }

        Recover(persistenceId);
    }

    protected override void PostStop()
    {
        expiryTimer?.Cancel();
        tally.Clear();
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case IRegistrationMessage command when !legacy:
                Route(command.Aor, command, Sender);
                break;
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
            case StreamRecovery.Recovered recovered when recovered.PersistenceId == persistenceId:
                MembersRecovered(recovered);
                break;
            case StreamRecovery.Recovered recovered:
                AorRecovered(recovered);
                break;
            case RecoveryFailed failed:
                RecoveryFailedFor(failed);
                break;
            case CheckExpiry:
                ExpireDue();
                break;
            case SaveSnapshotSuccess saved:
                snapshots.Tell(new DeleteSnapshots(saved.Metadata.PersistenceId, new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1)), Self);
                break;
            case SaveSnapshotFailure failed:
                log.Warning(failed.Cause, "Snapshot of {0} failed", failed.Metadata.PersistenceId);
                break;
            case DeleteSnapshotsSuccess:
                break;
            case DeleteSnapshotsFailure failed:
                log.Warning(failed.Cause, "Deleting old registration snapshots failed");
                break;
            case StopEntity:
                stopping = true;
                StopWhenIdle();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Route(string aor, object command, IActorRef sender)
    {
        if (beforeRecovery is not null)
        {
            beforeRecovery.Add((command, sender));
            return;
        }

        if (!slots.TryGetValue(aor, out var slot))
        {
            slot = new Slot(aor);
            slots.Add(aor, slot);
            Recover(PersistenceIdPrefix + aor, mayBeNew: true);
        }

        if (!slot.Ready || slot.Writing)
        {
            (slot.Waiting ??= new Queue<(object, IActorRef)>()).Enqueue((command, sender));
            return;
        }

        Handle(slot, command, sender);
        LetGoIfIdle(slot);
    }

    private void Handle(Slot slot, object command, IActorRef sender)
    {
        switch (command)
        {
            case Register register:
                var (events, reply) = RegistrationDecision.Decide(slot.State, register, clock.GetUtcNow(), options);
                Write(slot, events, sender, reply);
                break;
            case GetBindings:
                sender.Tell(new CurrentBindings(slot.Aor, slot.State.Unexpired(clock.GetUtcNow())));
                break;
            default:
                log.Warning("Unhandled registration command {0}", command.GetType().Name);
                break;
        }
    }

    /// <summary>
    /// Journals the AOR's events and notes the member change they make; the reply (if any) and the new state follow once
    /// the events and the member change are in.
    /// </summary>
    private void Write(Slot slot, IReadOnlyList<IRegistrationEvent> events, IActorRef? requester, object? reply)
    {
        var next = slot.State;
        foreach (var e in events)
        {
            next = next.Apply(e);
        }

        var joins = !members.Contains(slot.Aor) && !next.IsEmpty;
        var leaves = members.Contains(slot.Aor) && next.IsEmpty;
        if (events.Count == 0 && !joins && !leaves)
        {
            requester?.Tell(reply);
            return;
        }

        slot.Writing = true;
        slot.Failed = null;
        slot.Pending = 0;
        slot.Next = next;
        slot.NewEvents = events.Count;
        slot.Requester = requester;
        slot.Reply = reply;
        writesInFlight++;
        if (events.Count > 0)
        {
            var rows = ImmutableList.CreateBuilder<IPersistentRepresentation>();
            foreach (var e in events)
            {
                rows.Add(new Persistent(e, ++slot.SequenceNr, PersistenceIdPrefix + slot.Aor, string.Empty, false, ActorRefs.NoSender, writerGuid));
            }

            slot.Pending++;
            journal.Tell(new WriteMessages([new AtomicWrite(rows.ToImmutable())], Self, 1));
        }

        if (joins || leaves)
        {
            // The member list follows at once, so the next change of another AOR is judged against it.
            _ = joins ? members.Add(slot.Aor) : members.Remove(slot.Aor);
            (joins ? joining : leaving).Add(slot.Aor);
            slot.Pending++;
            WriteMemberChanges();
        }
    }

    /// <summary>Writes the member changes noted since the last such write, unless one is being written.</summary>
    private void WriteMemberChanges()
    {
        if (membersInFlight is not null || (joining.Count == 0 && leaving.Count == 0))
        {
            return;
        }

        var change = new RegistrationShardMembersChanged(joining, leaving);
        membersInFlight = [.. joining, .. leaving];
        joining = [];
        leaving = [];
        membersSinceSnapshot++;
        var row = new Persistent(change, ++membersSequenceNr, persistenceId, string.Empty, false, ActorRefs.NoSender, writerGuid);
        journal.Tell(new WriteMessages([new AtomicWrite(row)], Self, 1));
    }

    /// <summary>The outcome of a write: a row of an AOR's events, or the member list's.</summary>
    private void Written(IPersistentRepresentation row, Exception? cause)
    {
        if (row.PersistenceId == persistenceId)
        {
            if (cause is not null)
            {
                // The member list's sequence has a hole now: start again from the journal (commands wait in the mailbox).
                throw new InvalidOperationException($"Writing the member list of {persistenceId} failed.", cause);
            }

            var confirmed = membersInFlight ?? [];
            membersInFlight = null;
            foreach (var aor in confirmed)
            {
                if (slots.TryGetValue(aor, out var member) && member.Writing)
                {
                    Confirm(member);
                }
            }

            WriteMemberChanges();
            return;
        }

        if (!slots.TryGetValue(row.PersistenceId[PersistenceIdPrefix.Length..], out var slot) || !slot.Writing)
        {
            return;
        }

        if (cause is not null)
        {
            slot.Failed = cause;
        }

        // Each row of an atomic write reports; the AOR's write counts once, by its last row.
        if (row.SequenceNr == slot.SequenceNr)
        {
            Confirm(slot);
        }
    }

    /// <summary>One of the slot's writes is in; after the last, the reply, the new state, and what waited.</summary>
    private void Confirm(Slot slot)
    {
        if (--slot.Pending > 0)
        {
            return;
        }

        writesInFlight--;
        slot.Writing = false;
        var requester = slot.Requester;
        var reply = slot.Reply;
        slot.Requester = null;
        slot.Reply = null;
        if (slot.Failed is { } failed)
        {
            // What the journal holds for this AOR is unknown now: forget it; its next command reads it again.
            log.Warning(failed, "Writing the registration of {0} failed", slot.Aor);
            requester?.Tell(new Status.Failure(failed));
            Forget(slot);
            StopWhenIdle();
            return;
        }

        slot.State = slot.Next!;
        slot.Next = null;
        slot.SinceSnapshot += slot.NewEvents;
        tally.Set(members.Count); // before the reply: whoever hears it sees the gauge moved
        requester?.Tell(reply);
        SnapshotWhenDue(slot);
        ArmExpiry(slot);
        Drain(slot);
        StopWhenIdle();
    }

    private void SnapshotWhenDue(Slot slot)
    {
        if (slot.SinceSnapshot >= snapshotEvery)
        {
            slot.SinceSnapshot = 0;
            snapshots.Tell(new SaveSnapshot(new SnapshotMetadata(PersistenceIdPrefix + slot.Aor, slot.SequenceNr, clock.GetUtcNow().UtcDateTime), slot.State), Self);
        }

        // Member changes still being written are in it too: if that write fails the shard starts again from the journal,
        // and a member found empty on recovery leaves.
        if (membersSinceSnapshot >= MembersSnapshotEvery)
        {
            membersSinceSnapshot = 0;
            snapshots.Tell(new SaveSnapshot(new SnapshotMetadata(persistenceId, membersSequenceNr, clock.GetUtcNow().UtcDateTime), new RegistrationShardMembers([.. members])), Self);
        }
    }

    /// <summary>Handles what waited for the AOR, one command at a time, until one writes or none is left.</summary>
    private void Drain(Slot slot)
    {
        while (!slot.Writing && slot.Waiting is { Count: > 0 } waiting)
        {
            var (command, sender) = waiting.Dequeue();
            Handle(slot, command, sender);
        }

        LetGoIfIdle(slot);
    }

    private void LetGoIfIdle(Slot slot)
    {
        if (slot.Ready && !slot.Writing && slot.Waiting is not { Count: > 0 } && slot.State.IsEmpty && !members.Contains(slot.Aor))
        {
            slots.Remove(slot.Aor);
        }
    }

    private void Forget(Slot slot)
    {
        slots.Remove(slot.Aor);
        if (slot.Waiting is { } waiting)
        {
            foreach (var (command, sender) in waiting)
            {
                Route(slot.Aor, command, sender);
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
        if (recovered.Snapshot is RegistrationShardMembers snapshot)
        {
            members.UnionWith(snapshot.Aors);
        }

        foreach (var change in recovered.Events.OfType<RegistrationShardMembersChanged>())
        {
            members.UnionWith(change.Joined);
            members.ExceptWith(change.Left);
        }

        membersSequenceNr = recovered.HighestSequenceNr;
        membersSinceSnapshot = recovered.Events.Count;
        tally.Set(members.Count);

        // Every AOR that held bindings comes back, so that what expired meanwhile goes now and the rest on time.
        foreach (var aor in members)
        {
            if (!slots.ContainsKey(aor))
            {
                slots.Add(aor, new Slot(aor));
                Recover(PersistenceIdPrefix + aor);
            }
        }

        var waited = beforeRecovery!;
        beforeRecovery = null;
        foreach (var (command, sender) in waited)
        {
            Route(((IRegistrationMessage)command).Aor, command, sender);
        }
    }

    private void AorRecovered(StreamRecovery.Recovered recovered)
    {
        var aor = recovered.PersistenceId[PersistenceIdPrefix.Length..];
        if (!slots.TryGetValue(aor, out var slot) || slot.Ready)
        {
            return;
        }

        var state = recovered.Snapshot as RegistrationState ?? RegistrationState.Empty(aor);
        foreach (var e in recovered.Events)
        {
            state = state.Apply((IRegistrationEvent)e);
        }

        slot.State = state;
        slot.SequenceNr = recovered.HighestSequenceNr;
        slot.SinceSnapshot = recovered.Events.Count;
        slot.Ready = true;
        if (members.Contains(aor) == state.IsEmpty)
        {
            // A member whose last binding went while the list was not told leaves; an AOR with bindings that the list
            // does not hold (written before the shards, or while a member change failed) joins.
            Write(slot, [], null, null);
        }

        ArmExpiry(slot);
        Drain(slot);
    }

    private void RecoveryFailedFor(RecoveryFailed failed)
    {
        if (failed.PersistenceId == persistenceId)
        {
            throw new InvalidOperationException($"Recovering {persistenceId} failed.", failed.Cause);
        }

        var aor = failed.PersistenceId[PersistenceIdPrefix.Length..];
        log.Warning(failed.Cause, "Recovering the registration of {0} failed", aor);
        if (slots.Remove(aor, out var slot) && slot.Waiting is { } waiting)
        {
            foreach (var (_, sender) in waiting)
            {
                sender.Tell(new Status.Failure(failed.Cause));
            }
        }
    }

    /// <summary>
    /// Remembers when the AOR's earliest binding expires; the shard's one timer goes off for the earliest of all. An AOR
    /// has one entry: a refresh that moves its expiry later leaves the entry, which finds the later time when it comes
    /// due and is queued again for it (so refreshes do not pile up entries).
    /// </summary>
    private void ArmExpiry(Slot slot)
    {
        if (slot.State.NextExpiry is { } next && (slot.QueuedExpiry is not { } queued || next < queued))
        {
            Queue(slot, next);
        }
    }

    private void Queue(Slot slot, DateTimeOffset at)
    {
        slot.QueuedExpiry = at;
        expiries.Enqueue(slot.Aor, at);
        ArmTimer(at);
    }

    private void ArmTimer(DateTimeOffset at)
    {
        if (expiryTimerAt is { } armed && armed <= at)
        {
            return;
        }

        expiryTimer?.Cancel();
        expiryTimerAt = at;
        var delay = at - clock.GetUtcNow();
        expiryTimer = Context.System.Scheduler.ScheduleTellOnceCancelable(
            delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Self, CheckExpiry.Instance, ActorRefs.NoSender);
    }

    private void ExpireDue()
    {
        expiryTimerAt = null;
        var now = clock.GetUtcNow();
        List<Slot>? later = null;
        while (expiries.TryPeek(out var aor, out var at) && at <= now)
        {
            expiries.Dequeue();
            if (!slots.TryGetValue(aor, out var slot) || slot.QueuedExpiry != at)
            {
                continue; // let go, or an entry an earlier one replaced
            }

            slot.QueuedExpiry = null;
            if (slot.State.NextExpiry is not { } due)
            {
                continue;
            }

            if (due > now || !slot.Ready || slot.Writing)
            {
                // Refreshed since (queue it for its new time), or busy (look again shortly; its write re-arms it too).
                (later ??= []).Add(slot);
                continue;
            }

            Write(slot, RegistrationDecision.Expire(slot.State, now), null, null);
        }

        foreach (var slot in later ?? [])
        {
            if (slot.State.NextExpiry is { } due && slot.QueuedExpiry is null)
            {
                Queue(slot, due > now ? due : now + BusyRetry);
            }
        }

        if (expiries.TryPeek(out _, out var earliest))
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

    /// <summary>One AOR of the shard: its state, where its journal stream stands, and what waits for it.</summary>
    private sealed class Slot(string aor)
    {
        public string Aor { get; } = aor;

        public RegistrationState State { get; set; } = RegistrationState.Empty(aor);

        public long SequenceNr { get; set; }

        public int SinceSnapshot { get; set; }

        public bool Ready { get; set; }

        public bool Writing { get; set; }

        public int Pending { get; set; }

        public RegistrationState? Next { get; set; }

        public int NewEvents { get; set; }

        public IActorRef? Requester { get; set; }

        public object? Reply { get; set; }

        public Exception? Failed { get; set; }

        /// <summary>The time of the AOR's entry in the shard's expiry queue, if it has one.</summary>
        public DateTimeOffset? QueuedExpiry { get; set; }

        public Queue<(object Message, IActorRef Sender)>? Waiting { get; set; }
    }

    private sealed record RecoveryFailed(string PersistenceId, Exception Cause);

    private sealed class CheckExpiry
    {
        public static readonly CheckExpiry Instance = new();
    }
}
