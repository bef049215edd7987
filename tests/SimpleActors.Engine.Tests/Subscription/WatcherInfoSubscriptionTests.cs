using Akka.Actor;
using Akka.TestKit;
using SimpleActors.Engine.Dialogs;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Subscription;
using SimpleActors.Engine.Tests.Entities;
using SimpleActors.Presence;
using SimpleActors.Sip.Message;
using static SimpleActors.Engine.Tests.Entities.Samples;
using static SimpleActors.Engine.Tests.Subscription.SubscriptionSamples;

namespace SimpleActors.Engine.Tests.Subscription;

/// <summary>
/// A watcher-info subscription (RFC 3857) on the real SQLite journal, with probes for the Presentity region and the
/// edge: full state first, partial documents after, one version more per document, also across a restart.
/// </summary>
public class WatcherInfoSubscriptionTests : EntityTestKit
{
    private static readonly SubscriptionOptions Options = new()
    {
        DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400, MinNotifyInterval = TimeSpan.Zero,
    };

    private static Subscribe OwnerInitial() =>
        Initial(600, watcher: Aor, at: DateTimeOffset.UtcNow) with { Package = EventPackages.WatcherInfo };

    private static WatcherState Bob(WatcherStatus status, WatcherEvent watcherEvent) =>
        new("sub-bob", SubscriptionSamples.Watcher, status, watcherEvent, DateTimeOffset.UtcNow.AddSeconds(-30));

    private static (DialogRequestOutcome Answer, IActorRef From, WatcherInfoDocument Document, SipRequest Notify) Next(TestProbe edge)
    {
        var send = edge.ExpectMsg<SendDialogRequest>(Timeout);
        var notify = Parse(send.Request);
        Assert.Equal("presence.winfo", notify.Event!.EventType);
        Assert.Equal(WatcherInfo.ContentType, notify.ContentType!.Essence);
        return (new DialogRequestOutcome(send.Correlation, 200, null), edge.LastSender, WatcherInfo.Parse(notify.Body.Span), notify);
    }

    [Fact]
    public async Task Full_state_first_then_partial_changes_with_one_version_more_each_and_a_restart_continues_the_numbers()
    {
        var first = StartOtherSystem();
        var presentities = CreateTestProbe(first);
        var edge = CreateTestProbe(first);
        var entity = StartEntity(first, SubscriptionShard.Props("0", Options, null, 100, presentities.Ref, edge.Ref), CreateTestProbe(first));

        var reply = await AskAsync<SubscribeResult>(entity, OwnerInitial());
        var watch = presentities.ExpectMsg<Watch>(Timeout);
        entity.Tell(new WatcherInfoSnapshot(Id, Aor, [Bob(WatcherStatus.Pending, WatcherEvent.Subscribed)]));
        var full = Next(edge);
        full.From.Tell(full.Answer);
        entity.Tell(new WatchersChanged(Id, Aor, [Bob(WatcherStatus.Active, WatcherEvent.Approved)]));
        var partial = Next(edge);
        partial.From.Tell(partial.Answer);

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal((EventPackages.WatcherInfo, Aor), (watch.Package, watch.Watcher));
        Assert.Equal((0L, WatcherInfoState.Full), (full.Document.Version, full.Document.State));
        var list = Assert.Single(full.Document.Lists);
        Assert.Equal((Aor, "presence"), (list.Resource, list.Package));
        var bob = Assert.Single(list.Watchers);
        Assert.Equal(("sub-bob", SubscriptionSamples.Watcher, WatcherStatus.Pending, WatcherEvent.Subscribed), (bob.Id, bob.Uri, bob.Status, bob.Event));
        Assert.InRange(bob.DurationSubscribed!.Value, 29, 40);
        Assert.Equal((1L, WatcherInfoState.Partial), (partial.Document.Version, partial.Document.State));
        Assert.Equal(WatcherStatus.Active, Assert.Single(Assert.Single(partial.Document.Lists).Watchers).Status);

        await first.Terminate();

        // Recovered, the subscription knows nothing of the watchers: a change makes it ask for the whole set again.
        var presentitiesHere = CreateTestProbe();
        var edgeHere = CreateTestProbe();
        var recovered = StartEntity(Sys, SubscriptionShard.Props("0", Options, null, 100, presentitiesHere.Ref, edgeHere.Ref), CreateTestProbe());
        recovered.Tell(new WatchersChanged(Id, Aor, [Bob(WatcherStatus.Terminated, WatcherEvent.Timeout)]));
        Assert.Equal(EventPackages.WatcherInfo, presentitiesHere.ExpectMsg<Watch>(Timeout).Package);
        edgeHere.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        recovered.Tell(new WatcherInfoSnapshot(Id, Aor, []));
        var again = Next(edgeHere);

        Assert.Equal((2L, WatcherInfoState.Full), (again.Document.Version, again.Document.State));
        Assert.Empty(Assert.Single(again.Document.Lists).Watchers);
        Assert.Equal(3u, again.Notify.CSeq!.Number);
    }

    [Fact]
    public async Task Changes_while_a_notify_is_out_go_together_in_the_next_partial_document()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var entity = StartEntity(Sys, SubscriptionShard.Props("0", Options, null, 100, presentities.Ref, edge.Ref), CreateTestProbe());
        await AskAsync<SubscribeResult>(entity, OwnerInitial());
        presentities.ExpectMsg<Watch>(Timeout);
        entity.Tell(new WatcherInfoSnapshot(Id, Aor, []));
        var full = Next(edge);

        entity.Tell(new WatchersChanged(Id, Aor, [Bob(WatcherStatus.Pending, WatcherEvent.Subscribed)]));
        entity.Tell(new WatchersChanged(Id, Aor, [new WatcherState("sub-carol", "sip:carol@example.com", WatcherStatus.Active, WatcherEvent.Subscribed, DateTimeOffset.UtcNow)]));
        entity.Tell(new WatchersChanged(Id, Aor, [Bob(WatcherStatus.Active, WatcherEvent.Approved)]));
        edge.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        full.From.Tell(full.Answer);
        var partial = Next(edge);
        partial.From.Tell(partial.Answer);

        Assert.Equal((1L, WatcherInfoState.Partial), (partial.Document.Version, partial.Document.State));
        var watchers = Assert.Single(partial.Document.Lists).Watchers.ToDictionary(w => w.Id);
        Assert.Equal(2, watchers.Count);
        Assert.Equal((WatcherStatus.Active, WatcherEvent.Approved), (watchers["sub-bob"].Status, watchers["sub-bob"].Event));
        Assert.Equal(WatcherStatus.Active, watchers["sub-carol"].Status);
        edge.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
