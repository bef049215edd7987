using Akka.Actor;
using SimpleActors.Engine.Entities;

namespace SimpleActors.Engine.Presence;

/// <summary>
/// The Presentity entity of one presence AOR: persists what <see cref="PresentityDecision"/> decides, replies once
/// the events are in the journal, expires publications on time (also after a restart or a move) and passivates
/// when nothing is published (<see cref="EventSourcedEntity{TState,TEvent}"/>).
/// </summary>
public sealed class PresentityActor : EventSourcedEntity<PresentityState, IPresentityEvent>
{
    /// <summary>The prefix of every Presentity persistence id.</summary>
    public const string PersistenceIdPrefix = "presentity|";

    private readonly PublicationOptions options;

    public PresentityActor(string aor, PublicationOptions options, TimeProvider clock, int snapshotEvery)
        : base(PersistenceIdPrefix + aor, PresentityState.Empty(aor), clock, snapshotEvery)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;

        Command<Publish>(command =>
        {
            var (events, reply) = PresentityDecision.Publish(State, command, Clock.GetUtcNow(), this.options);
            var sender = Sender;
            PersistThen(events, () => sender.Tell(reply));
        });
        CommandLifecycle();
    }

    public static Props Props(string aor, PublicationOptions options, TimeProvider? clock = null, int snapshotEvery = 100) =>
        Akka.Actor.Props.Create<PresentityActor>(aor, options, clock ?? TimeProvider.System, snapshotEvery);

    protected override IReadOnlyList<IPresentityEvent> Expire(PresentityState state, DateTimeOffset now) =>
        PresentityDecision.Expire(state, now);
}
