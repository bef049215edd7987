using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using SimpleActors.Engine.Sharding;

namespace SimpleActors.Engine.Registration;

/// <summary>
/// The Registration entity of one address of record: persists what <see cref="RegistrationDecision"/>
/// decides, replies once the events are in the journal, keeps one timer for the next expiry and
/// passivates itself when nothing is bound.
/// </summary>
public sealed class RegistrationActor : ReceivePersistentActor, IWithTimers
{
    /// <summary>The prefix of every Registration persistence id.</summary>
    public const string PersistenceIdPrefix = "registration|";

    private const string ExpiryTimer = "expiry";

    private readonly RegistrarOptions _options;
    private readonly TimeProvider _clock;
    private readonly int _snapshotEvery;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private RegistrationState _state;
    private int _eventsSinceSnapshot;
    private bool _passivating;

    public RegistrationActor(string aor, RegistrarOptions options, TimeProvider clock, int snapshotEvery)
    {
        ArgumentException.ThrowIfNullOrEmpty(aor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotEvery, 1);
        _options = options;
        _clock = clock;
        _snapshotEvery = snapshotEvery;
        _state = RegistrationState.Empty(aor);
        PersistenceId = PersistenceIdPrefix + aor;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is RegistrationState snapshot)
            {
                _state = snapshot;
            }
        });
        Recover<IRegistrationEvent>(e =>
        {
            _state = _state.Apply(e);
            _eventsSinceSnapshot++;
        });
        Recover<RecoveryCompleted>(_ => Self.Tell(CheckExpiry.Instance));

        Command<Register>(Handle);
        Command<GetBindings>(query =>
        {
            Sender.Tell(new CurrentBindings(_state.Aor, _state.Unexpired(_clock.GetUtcNow())));
            PassivateIfEmpty();
        });
        Command<CheckExpiry>(_ => Expire());
        Command<SaveSnapshotSuccess>(success =>
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failure => _log.Warning(failure.Cause, "Snapshot of {0} failed", PersistenceId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => _log.Warning(failure.Cause, "Deleting old snapshots of {0} failed", PersistenceId));
        Command<StopEntity>(_ => Context.Stop(Self));
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string aor, RegistrarOptions options, TimeProvider? clock = null, int snapshotEvery = 100) =>
        Akka.Actor.Props.Create<RegistrationActor>(aor, options, clock ?? TimeProvider.System, snapshotEvery); // no expression compiled per entity

    private void Handle(Register command)
    {
        var (events, reply) = RegistrationDecision.Decide(_state, command, _clock.GetUtcNow(), _options);
        var sender = Sender;
        PersistThen(events, () => sender.Tell(reply));
    }

    private void Expire()
    {
        var now = _clock.GetUtcNow();
        IReadOnlyList<IRegistrationEvent> expired =
            [.. _state.Bindings.Where(b => b.ExpiresAt <= now)
                .Select(b => new BindingRemoved(_state.Aor, b.Uri, BindingRemovalReason.Expired, null, null, null, now))];
        PersistThen(expired, () => { });
    }

    /// <summary>Persists the events (if any), applies each, and after the last one replies, snapshots, re-arms and maybe passivates.</summary>
    private void PersistThen(IReadOnlyList<IRegistrationEvent> events, Action afterwards)
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

        PassivateIfEmpty();
    }

    private void PassivateIfEmpty()
    {
        if (_state.IsEmpty && !_passivating)
        {
            _passivating = true;
            Context.Parent.Tell(new Passivate(StopEntity.Instance));
        }
        else if (!_state.IsEmpty)
        {
            // A message that arrived after the Passivate was sent brought new state: ask again when empty.
            _passivating = false;
        }
    }

    /// <summary>The timer's message: remove what has expired.</summary>
    private sealed class CheckExpiry
    {
        public static readonly CheckExpiry Instance = new();
    }
}
