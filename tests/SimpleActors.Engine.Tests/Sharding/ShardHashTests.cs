using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Registration;
using SimpleActors.Engine.Sharding;
using static SimpleActors.Engine.Tests.Entities.Samples;

namespace SimpleActors.Engine.Tests.Sharding;

public class ShardHashTests
{
    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void The_hash_is_FNV_1a_32_of_the_UTF8_bytes(string value, uint expected) =>
        Assert.Equal(expected, ShardHash.Fnv1a(value));

    [Fact]
    public void Non_ascii_and_long_ids_hash_their_UTF8_bytes()
    {
        Assert.NotEqual(ShardHash.Fnv1a("sip:jos\u00e9@example.com"), ShardHash.Fnv1a("sip:jose@example.com"));
        var longId = "sip:" + new string('x', 2000) + "@example.com";
        Assert.Equal(ShardHash.Fnv1a(longId), ShardHash.Fnv1a(string.Concat(longId.AsSpan(0, 10), longId.AsSpan(10))));
    }

    /// <summary>Where an AOR lives must never change while a journal lives: these shard ids are pinned.</summary>
    [Fact]
    public void Shard_ids_are_stable_and_in_range()
    {
        Assert.Equal(2081726528u, ShardHash.Fnv1a(Aor));
        Assert.Equal("64", ShardHash.ShardOf(Aor, 256));
        Assert.Equal("0", ShardHash.ShardOf(Aor, 16));
        Assert.All(Enumerable.Range(0, 500), i => Assert.InRange(int.Parse(ShardHash.ShardOf($"sip:user{i}@example.com", 256), System.Globalization.CultureInfo.InvariantCulture), 0, 255));
    }

    [Fact]
    public void Every_message_for_an_aor_goes_to_the_same_entity_and_shard()
    {
        var registration = new AorMessageExtractor<IRegistrationMessage>(256);
        var mailbox = new AorMessageExtractor<IMailboxMessage>(256);

        Assert.Equal(Aor, registration.EntityId(new GetBindings(Aor)));
        Assert.Equal(Aor, registration.EntityId(Register("c", 1)));
        Assert.Equal(registration.ShardId(new GetBindings(Aor)), registration.ShardId(Register("c", 1)));
        Assert.Equal(registration.ShardId(new GetBindings(Aor)), mailbox.ShardId(new GetPendingMessages(Aor)));
        Assert.Equal(ShardHash.ShardOf(Aor, 256), registration.ShardId(Aor));
        Assert.Null(registration.EntityId(new GetPendingMessages(Aor)));
    }
}
