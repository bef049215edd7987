using Akka.TestKit;
using SimpleActors.Engine.Dialogs;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Subscription;
using SimpleActors.Engine.Tests.Entities;
using static SimpleActors.Engine.Tests.Subscription.SubscriptionSamples;

namespace SimpleActors.Engine.Tests.Subscription;

/// <summary>RFC 6446 section 3.1: state changes reach a watcher at most once per minimum interval, the newest one.</summary>
public class RateLimitTests : EntityTestKit
{
    private static readonly SubscriptionOptions Options = new() { MinExpires = 1, MinNotifyInterval = TimeSpan.FromSeconds(1) };

    private static string Answer(TestProbe edge)
    {
        var send = edge.ExpectMsg<SendDialogRequest>(Timeout);
        edge.LastSender.Tell(new DialogRequestOutcome(send.Correlation, 200, null), Akka.Actor.ActorRefs.NoSender);
        return System.Text.Encoding.UTF8.GetString(Parse(send.Request).Body.Span);
    }

    [Fact]
    public async Task Changes_inside_the_minimum_interval_wait_for_its_end_and_only_the_newest_is_sent()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var entity = StartEntity(Sys, SubscriptionShard.Props("0", Options, null, 100, presentities, edge), CreateTestProbe());
        await AskAsync<SubscribeResult>(entity, Initial(600, at: DateTimeOffset.UtcNow));
        presentities.ExpectMsg<Watch>(Timeout);
        presentities.Reply(new PresenceDocument(Samples.Aor, 1, Document("first"), SubscriptionId: Id));
        Answer(edge);

        // The changes come at once after the first NOTIFY: nothing goes for most of the interval (the wall clock here
        // cannot say more on a loaded machine: the interval runs from the first NOTIFY's sending, not its arrival).
        entity.Tell(new PresenceChanged(Id, Samples.Aor, 2, Document("second")), Akka.Actor.ActorRefs.NoSender);
        entity.Tell(new PresenceChanged(Id, Samples.Aor, 3, Document("third")), Akka.Actor.ActorRefs.NoSender);
        edge.ExpectNoMsg(TimeSpan.FromMilliseconds(600));
        var body = Answer(edge);

        Assert.Contains("third", body, StringComparison.Ordinal);
        edge.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_refresh_answered_while_a_notify_is_out_gets_its_own_notify_once_that_one_is_answered()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var entity = StartEntity(Sys, SubscriptionShard.Props("0", Options, null, 100, presentities, edge), CreateTestProbe());
        await AskAsync<SubscribeResult>(entity, Initial(600, at: DateTimeOffset.UtcNow));
        presentities.ExpectMsg<Watch>(Timeout);
        presentities.Reply(new PresenceDocument(Samples.Aor, 1, Document("only"), SubscriptionId: Id));
        var first = edge.ExpectMsg<SendDialogRequest>(Timeout);
        var entityRef = edge.LastSender;

        // The watcher refreshes before our NOTIFY's answer is back (the answer is in flight).
        var refreshed = await AskAsync<SubscribeResult>(entity, InDialog(600, 2, DateTimeOffset.UtcNow));
        edge.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        entityRef.Tell(new DialogRequestOutcome(first.Correlation, 200, null), Akka.Actor.ActorRefs.NoSender);
        var second = edge.ExpectMsg<SendDialogRequest>(TimeSpan.FromMilliseconds(500));

        Assert.Equal(200, refreshed.StatusCode);
        Assert.Equal(2u, Parse(second.Request).CSeq!.Number);
    }
}
