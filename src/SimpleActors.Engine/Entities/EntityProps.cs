using Akka.Actor;
using Akka.Actor.Internal;

namespace SimpleActors.Engine.Entities;

/// <summary>
/// Props that make an entity by calling its constructor through a delegate. <c>Props.Create&lt;T&gt;(args)</c> finds
/// the constructor by reflection (<c>Activator.CreateInstance</c> with an argument array) for every entity started,
/// a visible share of a registration storm's CPU.
/// </summary>
public static class EntityProps
{
    /// <summary>Props for one entity, its id captured.</summary>
    public static Props Of<TActor>(Func<TActor> create)
        where TActor : ActorBase => Props.CreateBy(new Producer<TActor>(create));

    /// <summary>
    /// One Props for every entity of a shard region: the entity's id is its actor name, which cluster sharding makes
    /// with <see cref="Uri.EscapeDataString(string)"/>. Per-entity Props (a Props, its Deploy, a delegate and its
    /// closure, about 250 bytes) stayed with every live entity for its whole life.
    /// </summary>
    public static Props ForShardedEntities<TActor>(Func<string, TActor> create)
        where TActor : ActorBase => Props.CreateBy(new Producer<TActor>(() => create(CurrentEntityId())));

    /// <summary>The id of the entity being constructed on this thread (Akka sets the cell while it constructs).</summary>
    private static string CurrentEntityId() =>
        Uri.UnescapeDataString(InternalCurrentActorCellKeeper.Current?.Self.Path.Name
            ?? throw new InvalidOperationException("Not constructing an actor."));

    private sealed class Producer<TActor>(Func<TActor> create) : IIndirectActorProducer
        where TActor : ActorBase
    {
        public Type ActorType => typeof(TActor);

        public ActorBase Produce() => create();

        public void Release(ActorBase actor)
        {
        }
    }
}
