using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using SimpleActors.Engine.Sharding;

namespace SimpleActors.Engine.Mailbox;

/// <summary>
/// The Mailbox entity of one address of record: pager messages kept for an offline user until they
/// are acknowledged or expire. Replies follow the journal write; one timer for the next expiry;
/// passivates when empty.
/// </summary>
public sealed class MailboxActor : ReceivePersistentActor, IWithTimers
{
    /// <summary>The prefix of every Mailbox persistence id.</summary>
    public const string PersistenceIdPrefix = "mailbox|";

    private const string ExpiryTimer = "expiry";

    private readonly TimeProvider _clock;
    private readonly int _snapshotEvery;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private MailboxState _state;
    private int _eventsSinceSnapshot;
    private bool _passivating;

    public MailboxActor(string aor, TimeProvider clock, int snapshotEvery)
    {
        ArgumentException.ThrowIfNullOrEmpty(aor);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotEvery, 1);
        _clock = clock;
        _snapshotEvery = snapshotEvery;
        _state = MailboxState.Empty(aor);
        PersistenceId = PersistenceIdPrefix + aor;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is MailboxState snapshot)
            {
                _state = snapshot;
            }
        });
        Recover<IMailboxEvent>(e =>
        {
            _state = _state.Apply(e);
            _eventsSinceSnapshot++;
        });
        Recover<RecoveryCompleted>(_ => Self.Tell(CheckExpiry.Instance));

        Command<IMailboxMessage>(command =>
        {
            var (events, reply) = MailboxDecision.Decide(_state, command, _clock.GetUtcNow());
            var sender = Sender;
            PersistThen(events, () => sender.Tell(reply));
        });
        Command<CheckExpiry>(_ => PersistThen(MailboxDecision.Expire(_state, _clock.GetUtcNow()), () => { }));
        Command<SaveSnapshotSuccess>(success =>
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failure => _log.Warning(failure.Cause, "Snapshot of {0} failed", PersistenceId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => _log.Warning(failure.Cause, "Deleting old snapshots of {0} failed", PersistenceId));
        Command<StopEntity>(_ => Context.Stop(Self));
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string aor, TimeProvider? clock = null, int snapshotEvery = 100) =>
        Akka.Actor.Props.Create<MailboxActor>(aor, clock ?? TimeProvider.System, snapshotEvery); // no expression compiled per entity

    private void PersistThen(IReadOnlyList<IMailboxEvent> events, Action afterwards)
    {
        if (events.Count == 0)
        {
            afterwards();
            AfterChange();
            return;
        }

        var remaining = events.Count;
        PersistAll(events, e =>
        {
            _state = _state.Apply(e);
            _eventsSinceSnapshot++;
            if (--remaining == 0)
            {
                afterwards();
                if (_eventsSinceSnapshot >= _snapshotEvery)
                {
                    _eventsSinceSnapshot = 0;
                    SaveSnapshot(_state);
                }

                AfterChange();
            }
        });
    }

    private void AfterChange()
    {
        if (_state.NextExpiry is { } next)
        {
            var delay = next - _clock.GetUtcNow();
            Timers.StartSingleTimer(ExpiryTimer, CheckExpiry.Instance, delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
        }
        else
        {
            Timers.Cancel(ExpiryTimer);
        }

        if (_state.IsEmpty && !_passivating)
        {
            _passivating = true;
            Context.Parent.Tell(new Passivate(StopEntity.Instance));
        }
        else if (!_state.IsEmpty)
        {
            _passivating = false;
        }
    }

    private sealed class CheckExpiry
    {
        public static readonly CheckExpiry Instance = new();
    }
}
