using System.Diagnostics.Metrics;
using Akka.Actor;
using SimpleActors.Engine.Entities;

namespace SimpleActors.Engine.Registration;

/// <summary>
/// The Registration entity of one address of record: persists what <see cref="RegistrationDecision"/>
/// decides, replies once the events are in the journal, keeps one timer for the next expiry and
/// passivates itself when nothing is bound (<see cref="EventSourcedEntity{TState,TEvent}"/>).
/// </summary>
public sealed class RegistrationActor : EventSourcedEntity<RegistrationState, IRegistrationEvent>
{
    /// <summary>The prefix of every Registration persistence id.</summary>
    public const string PersistenceIdPrefix = "registration|";

    private readonly RegistrarOptions options;

    public RegistrationActor(string aor, RegistrarOptions options, TimeProvider clock, int snapshotEvery)
        : base(PersistenceIdPrefix + aor, RegistrationState.Empty(aor), clock, snapshotEvery)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
    }

    public static Props Props(string aor, RegistrarOptions options, TimeProvider? clock = null, int snapshotEvery = 100) =>
        EntityProps.Of(() => new RegistrationActor(aor, options, clock ?? TimeProvider.System, snapshotEvery));

    protected override UpDownCounter<long> LiveGauge => EngineMetrics.Registrations;

    protected override bool OnEntityCommand(object message)
    {
        switch (message)
        {
            case Register command:
                Decide(command);
                break;
            case GetBindings:
                Sender.Tell(new CurrentBindings(State.Aor, State.Unexpired(Clock.GetUtcNow())));
                PassivateIfEmpty();
                break;
            default:
                return false;
        }

        return true;
    }

    protected override IReadOnlyList<IRegistrationEvent> Expire(RegistrationState state, DateTimeOffset now) =>
        [.. state.Bindings.Where(b => b.ExpiresAt <= now)
            .Select(b => new BindingRemoved(state.Aor, b.Uri, BindingRemovalReason.Expired, null, null, null, now))];

    private void Decide(Register command)
    {
        var (events, reply) = RegistrationDecision.Decide(State, command, Clock.GetUtcNow(), options);
        var sender = Sender;
        PersistThen(events, () => sender.Tell(reply));
    }
}
