using Akka.Actor;

namespace SimpleActors.Engine.Entities;

/// <summary>
/// Props that make an entity by calling its constructor through a delegate. <c>Props.Create&lt;T&gt;(args)</c> finds
/// the constructor by reflection (<c>Activator.CreateInstance</c> with an argument array) for every entity started,
/// a visible share of a registration storm's CPU.
/// </summary>
public static class EntityProps
{
    public static Props Of<TActor>(Func<TActor> create)
        where TActor : ActorBase => Props.CreateBy(new Producer<TActor>(create));

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
