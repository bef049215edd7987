using Akka.Actor;
using Akka.Event;
using SimpleActors.Engine.Entities;

namespace SimpleActors.Engine.Registration;

/// <summary>
/// The registrations of one shard of the registration region, in one actor (<see cref="EntityShard{TState,TEvent,TSlot}"/>).
/// Each address of record keeps its own event stream (<c>registration|&lt;aor&gt;</c>), decided by
/// <see cref="RegistrationDecision"/> and applied by <see cref="RegistrationState.Apply"/>; an AOR costs its bindings in
/// memory, not an actor, and a user the node has never seen costs no actor start (docs/performance.md, "Third round").
/// The shard's own stream (<c>registration-shard|&lt;shard&gt;</c>) lists the AORs that hold bindings, so that after a
/// restart or a move their bindings still expire on time; an AOR with nothing bound is let go from memory once its
/// command is answered.
/// </summary>
public sealed class RegistrationShard : EntityShard<RegistrationState, IRegistrationEvent, EntitySlot<RegistrationState>>
{
    /// <summary>The prefix of every AOR's persistence id (unchanged from the actor per AOR).</summary>
    public const string PersistenceIdPrefix = "registration|";

    /// <summary>The prefix of a shard's own persistence id.</summary>
    public const string ShardPersistenceIdPrefix = "registration-shard|";

    private readonly RegistrarOptions options;

    public RegistrationShard(string shardId, RegistrarOptions options, TimeProvider clock, int snapshotEvery)
        : base(shardId, PersistenceIdPrefix, ShardPersistenceIdPrefix, clock, snapshotEvery, EngineMetrics.Registrations)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
    }

    public static Props Props(string shardId, RegistrarOptions options, TimeProvider? clock = null, int snapshotEvery = 100) =>
        EntityProps.Of(() => new RegistrationShard(shardId, options, clock ?? TimeProvider.System, snapshotEvery));

    protected override RegistrationState EmptyState(string id) => RegistrationState.Empty(id);

    protected override string? EntityIdOf(object message) => (message as IRegistrationMessage)?.Aor;

    protected override void Handle(EntitySlot<RegistrationState> slot, object command, IActorRef sender)
    {
        switch (command)
        {
            case Register register:
                var (events, reply) = RegistrationDecision.Decide(slot.State, register, Clock.GetUtcNow(), options);
                Write(slot, events, sender, () => sender.Tell(reply));
                break;
            case GetBindings:
                sender.Tell(new CurrentBindings(slot.Id, slot.State.Unexpired(Clock.GetUtcNow())));
                break;
            default:
                Log.Warning("Unhandled registration command {0}", command.GetType().Name);
                break;
        }
    }

    protected override IReadOnlyList<IRegistrationEvent> Expire(EntitySlot<RegistrationState> slot, DateTimeOffset now) =>
        RegistrationDecision.Expire(slot.State, now);
}
