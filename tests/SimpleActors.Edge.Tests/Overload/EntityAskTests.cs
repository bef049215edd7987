using Akka.TestKit.Xunit2;
using SimpleActors.Edge;

namespace SimpleActors.Edge.Tests.Overload;

public sealed class EntityAskTests : TestKit
{
    [Fact]
    public async Task An_ask_beyond_the_most_pending_is_shed_at_once_without_reaching_the_entity()
    {
        var entity = CreateTestProbe();
        var asks = new EntityAsk(maxPending: 1, firstWait: TimeSpan.FromSeconds(30));

        var first = asks.AskAsync<string>(entity, "first");
        entity.ExpectMsg("first");
        var asker = entity.LastSender;
        var shed = await Assert.ThrowsAsync<EntityUnavailableException>(() => asks.AskAsync<string>(entity, "second"));

        Assert.True(shed.Shed);
        entity.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, asks.Pending);

        asker.Tell("answer", Akka.Actor.ActorRefs.NoSender);
        Assert.Equal("answer", await first);
        Assert.Equal(0, asks.Pending);
    }

    [Fact]
    public async Task An_entity_that_does_not_answer_is_asked_again_then_reported_unavailable()
    {
        var entity = CreateTestProbe();
        var asks = new EntityAsk(maxPending: 10, firstWait: TimeSpan.FromMilliseconds(150));

        var unavailable = await Assert.ThrowsAsync<EntityUnavailableException>(() => asks.AskAsync<string>(entity, "command", "repeat"));

        Assert.False(unavailable.Shed);
        entity.ExpectMsg("command");
        entity.ExpectMsg("repeat");
        Assert.Equal(0, asks.Pending);
    }

    [Fact]
    public async Task A_slot_freed_by_an_answer_takes_the_next_ask()
    {
        var entity = CreateTestProbe();
        var asks = new EntityAsk(maxPending: 1, firstWait: TimeSpan.FromSeconds(30));

        var first = asks.AskAsync<string>(entity, "one");
        entity.ExpectMsg("one");
        entity.Reply("1");
        await first;
        var second = asks.AskAsync<string>(entity, "two");
        entity.ExpectMsg("two");
        entity.Reply("2");

        Assert.Equal("2", await second);
    }
}
