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

    [Fact]
    public async Task The_address_an_entity_answered_keeps_nothing_of_the_answer_and_its_path_is_released()
    {
        // An entity keeps the sender of the last message it handled: that reference must not keep the task and reply.
        var entity = CreateTestProbe();
        var asks = new EntityAsk(maxPending: 1, firstWait: TimeSpan.FromSeconds(30));

        var ask = asks.AskAsync<string>(entity, "command");
        entity.ExpectMsg("command");
        var asker = Assert.IsType<ReplyRef>(entity.LastSender);
        Assert.True(asker.Holds);
        entity.Reply("answer");

        Assert.Equal("answer", await ask);
        Assert.False(asker.Holds);
        var resolved = await Sys.ActorSelection(asker.Path).ResolveOne(TimeSpan.FromSeconds(1)).ContinueWith(t => t.IsCompletedSuccessfully);
        Assert.False(resolved);
    }

    [Fact]
    public async Task An_answer_of_another_type_or_a_failure_is_an_error_not_a_wait()
    {
        var entity = CreateTestProbe();
        var asks = new EntityAsk(maxPending: 2, firstWait: TimeSpan.FromSeconds(30));

        var wrong = asks.AskAsync<string>(entity, "one");
        entity.ExpectMsg("one");
        entity.Reply(42);
        await Assert.ThrowsAsync<InvalidOperationException>(() => wrong);

        var failed = asks.AskAsync<string>(entity, "two");
        entity.ExpectMsg("two");
        entity.Reply(new Akka.Actor.Status.Failure(new ArgumentException("refused")));
        Assert.Equal("refused", (await Assert.ThrowsAsync<ArgumentException>(() => failed)).Message);
        Assert.Equal(0, asks.Pending);
    }
}
