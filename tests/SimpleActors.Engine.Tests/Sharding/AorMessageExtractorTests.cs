using SimpleActors.Engine.Registration;
using SimpleActors.Engine.Sharding;

namespace SimpleActors.Engine.Tests.Sharding;

public class AorMessageExtractorTests
{
    private const string Aor = "sip:alice@example.com";

    [Fact]
    public void By_default_the_entity_is_the_aor_in_its_hashed_shard()
    {
        var extractor = new AorMessageExtractor<IRegistrationMessage>(256);

        Assert.Equal(Aor, extractor.EntityId(new GetBindings(Aor)));
        Assert.Equal(ShardHash.ShardOf(Aor, 256), extractor.ShardId(new GetBindings(Aor)));
        Assert.Equal(ShardHash.ShardOf(Aor, 256), extractor.ShardId(Aor)); // a remembered entity's start
    }

    [Fact]
    public void With_an_entity_per_shard_the_entity_is_named_by_the_shard()
    {
        var extractor = new AorMessageExtractor<IRegistrationMessage>(256, entityPerShard: true);
        var shard = ShardHash.ShardOf(Aor, 256);

        Assert.Equal(shard, extractor.EntityId(new GetBindings(Aor)));
        Assert.Equal(shard, extractor.ShardId(new GetBindings(Aor)));
        Assert.Equal(shard, extractor.ShardId(shard)); // a remembered shard entity's start
        Assert.Null(extractor.EntityId("not a registration message"));
    }
}
