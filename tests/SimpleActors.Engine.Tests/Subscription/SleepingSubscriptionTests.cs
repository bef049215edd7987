using Akka.Actor;
using Akka.TestKit;
using SimpleActors.Engine.Dialogs;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Subscription;
using SimpleActors.Engine.Tests.Entities;
using static SimpleActors.Engine.Tests.Entities.Samples;
using static SimpleActors.Engine.Tests.Subscription.SubscriptionSamples;

namespace SimpleActors.Engine.Tests.Subscription;

/// <summary>
/// Subscriptions with nothing to do sleep (their actor stops, their state stays in the journal) and the presentity
/// wakes them at their expiry; on the real SQLite journal, with probes for the regions and the edge.
/// </summary>
public class SleepingSubscriptionTests : EntityTestKit
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(400);

    private static readonly SubscriptionOptions Options = new() { DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400, IdleTimeout = Idle };

    private static readonly PublicationOptions Publications = new() { DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400 };

    private static Props Subscription(TestProbe presentities, TestProbe edge) => SubscriptionShard.Props("0", Options, null, 100, presentities, edge);

    private static Props Presentity(IActorRef subscriptions) => PresentityShard.Props("0", Publications, subscriptions: subscriptions);

    private static Subscribe InitialNow(int expires) => Initial(expires, at: DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_subscription_sleeps_once_its_notify_is_answered_and_it_has_been_idle_and_not_while_one_is_out()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var shard = CreateTestProbe();
        var entity = StartEntity(Sys, Subscription(presentities, edge), shard);
        await AskAsync<SubscribeResult>(entity, InitialNow(600));
        var watch = presentities.ExpectMsg<Watch>(Timeout);
        presentities.Reply(new PresenceDocument(Aor, 1, Document("v1"), SubscriptionId: Id));
        var notify = edge.ExpectMsg<SendDialogRequest>(Timeout);

        // The NOTIFY is unanswered: the subscription stays awake however long it waits.
        await Task.Delay(Idle * 3);
        Assert.Contains(Id, await InMemoryAsync(entity));
        edge.LastSender.Tell(new DialogRequestOutcome(notify.Correlation, 200, null));

        await AwaitLetGoAsync(entity, Id, Timeout);
        Assert.InRange(watch.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(590), DateTimeOffset.UtcNow.AddSeconds(600));
    }

    [Fact]
    public async Task A_sleeping_subscription_woken_by_a_change_notifies_it_with_the_next_cseq()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var shard = CreateTestProbe();
        var entity = StartEntity(Sys, Subscription(presentities, edge), shard);
        await AskAsync<SubscribeResult>(entity, InitialNow(600));
        presentities.ExpectMsg<Watch>(Timeout);
        presentities.Reply(new PresenceDocument(Aor, 1, Document("v1"), SubscriptionId: Id));
        var first = edge.ExpectMsg<SendDialogRequest>(Timeout);
        edge.LastSender.Tell(new DialogRequestOutcome(first.Correlation, 200, null));
        await AwaitLetGoAsync(entity, Id, Timeout);

        // The shard reads the subscription again for the message that names it.
        entity.Tell(new PresenceChanged(Id, Aor, 2, Document("v2")));
        var second = edge.ExpectMsg<SendDialogRequest>(Timeout);

        var notify = Parse(second.Request);
        Assert.Equal(2u, notify.CSeq!.Number);
        Assert.Equal(Document("v2"), notify.Body.ToArray());
        presentities.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task The_presentity_wakes_each_watcher_at_its_expiry_moves_the_wake_up_when_told_and_keeps_them_across_a_restart()
    {
        var first = StartOtherSystem();
        var subscriptions = CreateTestProbe(first);
        var presentity = StartEntity(first, Presentity(subscriptions), CreateTestProbe(first));
        var now = DateTimeOffset.UtcNow;
        await presentity.Ask<PresenceDocument>(new Watch(Aor, "soon", Watcher, now, ExpiresAt: now.AddSeconds(1)), Timeout);
        await presentity.Ask<PresenceDocument>(new Watch(Aor, "moved", Watcher, now, ExpiresAt: now.AddSeconds(1.2)), Timeout);
        await presentity.Ask<PresenceDocument>(new Watch(Aor, "later", Watcher, now, ExpiresAt: now.AddSeconds(2.5)), Timeout);
        await presentity.Ask<PresenceDocument>(new Watch(Aor, "gone", Watcher, now, ExpiresAt: now.AddSeconds(1)), Timeout);
        presentity.Tell(new WakeAt(Aor, "moved", now.AddSeconds(60)));
        presentity.Tell(new Unwatch(Aor, "gone", "timeout", now));

        var woken = subscriptions.ExpectMsg<WakeSubscription>(Timeout);
        var wokenAt = DateTimeOffset.UtcNow;
        subscriptions.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        await first.Terminate();

        var subscriptionsHere = CreateTestProbe();
        StartEntity(Sys, Presentity(subscriptionsHere), CreateTestProbe());
        var afterRestart = subscriptionsHere.ReceiveN(3, Timeout).Cast<WakeSubscription>().Select(w => w.SubscriptionId).Order().ToList();

        Assert.Equal("soon", woken.SubscriptionId);
        Assert.True(wokenAt >= now.AddSeconds(1), $"woken at {wokenAt:O}, expiry {now.AddSeconds(1):O}");

        // After the restart the wake-ups are those the watchers were added with: "soon" (still watching) and "moved" at
        // once, both past (a woken subscription says when to wake it next), "later" on time; "gone" not at all.
        Assert.Equal(["later", "moved", "soon"], afterRestart);
    }
}
