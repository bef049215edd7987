using Akka.Actor;
using Akka.Cluster.Sharding;

namespace SimpleActors.Engine.Tests.Entities;

/// <summary>
/// Stands in for a shard: creates one entity, forwards every message to it, and on
/// <see cref="Passivate"/> tells the watcher and sends the entity its stop message.
/// </summary>
internal sealed class EntityParent : ReceiveActor
{
    public EntityParent(Props entityProps, IActorRef watcher)
    {
        // On the entities' own mailbox, as the shards start them, where the system declares it (EntityTestKit's does).
        var mailbox = SimpleActors.Engine.Entities.EntityMailbox.ConfigPath;
        var entity = Context.ActorOf(Context.System.Settings.Config.HasPath(mailbox) ? entityProps.WithMailbox(mailbox) : entityProps, "entity");
        Context.Watch(entity);
        Receive<Passivate>(passivate =>
        {
            watcher.Tell(Passivated.Instance);
            entity.Tell(passivate.StopMessage);
        });
        Receive<Terminated>(_ => watcher.Tell(EntityStopped.Instance));
        ReceiveAny(message => entity.Forward(message));
    }

    public static Props Props(Props entityProps, IActorRef watcher) =>
        Akka.Actor.Props.Create(() => new EntityParent(entityProps, watcher));

    /// <summary>The entity asked to passivate.</summary>
    public sealed class Passivated
    {
        public static readonly Passivated Instance = new();
    }

    /// <summary>The entity stopped.</summary>
    public sealed class EntityStopped
    {
        public static readonly EntityStopped Instance = new();
    }
}
