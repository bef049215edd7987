using Akka.Actor;
using SimpleActors.Engine.Entities;

namespace SimpleActors.Engine.Tests.Entities;

/// <summary>One Props for a whole shard region: each entity gets its id back from the actor name sharding gave it.</summary>
public sealed class EntityPropsTests : Akka.TestKit.Xunit2.TestKit
{
    [Theory]
    [InlineData("sip:alice@example.com")]
    [InlineData("sip:b%20ob@example.com")]
    [InlineData("a4f0c1|call id with spaces/and/slashes;tag=x")]
    public void Each_entity_gets_the_id_its_escaped_actor_name_stands_for(string id)
    {
        var props = EntityProps.ForShardedEntities(entityId => new IdReporter(entityId));

        // Cluster sharding names an entity's actor Uri.EscapeDataString(id).
        var entity = Sys.ActorOf(props, Uri.EscapeDataString(id));
        entity.Tell("id?");

        ExpectMsg(id);
    }

    [Fact]
    public void Two_entities_from_one_props_keep_their_own_ids()
    {
        var props = EntityProps.ForShardedEntities(entityId => new IdReporter(entityId));
        var alice = Sys.ActorOf(props, Uri.EscapeDataString("sip:alice@example.com"));
        var bob = Sys.ActorOf(props, Uri.EscapeDataString("sip:bob@example.com"));

        bob.Tell("id?");
        ExpectMsg("sip:bob@example.com");
        alice.Tell("id?");
        ExpectMsg("sip:alice@example.com");
    }

    private sealed class IdReporter(string id) : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(id);
    }
}
