using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace SimpleActors.Engine.Entities;

/// <summary>
/// The mailbox type of the sharded entities (<see cref="EntityMessageDeque"/>), configured under
/// <see cref="ConfigPath"/> by <see cref="Sharding.EngineEntitiesHosting"/> and given to every entity's props there.
/// </summary>
public sealed class EntityMailbox(Settings settings, Config config) : MailboxType(settings, config), IProducesMessageQueue<EntityMessageDeque>
{
    /// <summary>The configuration path (mailbox id) of this mailbox type.</summary>
    public const string ConfigPath = "simpleactors.entity-mailbox";

    /// <summary>The HOCON that declares it.</summary>
    public static readonly string Hocon =
        $"{ConfigPath} {{ mailbox-type = \"{typeof(EntityMailbox).FullName}, {typeof(EntityMailbox).Assembly.GetName().Name}\" }}";

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new EntityMessageDeque();
}
