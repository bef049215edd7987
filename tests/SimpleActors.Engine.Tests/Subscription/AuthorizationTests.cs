using Akka.Actor;
using Akka.TestKit;
using SimpleActors.Engine.Dialogs;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Subscription;
using SimpleActors.Engine.Tests.Entities;
using SimpleActors.Sip.Message;
using static SimpleActors.Engine.Tests.Entities.Samples;
using static SimpleActors.Engine.Tests.Subscription.SubscriptionSamples;
using SipState = SimpleActors.Sip.Message.SubscriptionState;

namespace SimpleActors.Engine.Tests.Subscription;

/// <summary>The owner's decisions about watchers (RFC 5025 allow / block / polite-block) in both entities.</summary>
public class AuthorizationTests : EntityTestKit
{
    private static readonly SubscriptionOptions PendingPolicy = new() { MinExpires = 1, Policy = SubscriptionPolicy.Pending };

    private static Props Subscription(TestProbe presentities, TestProbe edge) =>
        SubscriptionShard.Props("0", PendingPolicy, null, 100, presentities, edge);

    private static SipRequest NextNotify(TestProbe edge, int answer = 200)
    {
        var send = edge.ExpectMsg<SendDialogRequest>(Timeout);
        edge.LastSender.Tell(new DialogRequestOutcome(send.Correlation, answer, null));
        return Parse(send.Request);
    }

    private static string Body(SipRequest request) => System.Text.Encoding.UTF8.GetString(request.Body.Span);

    private async Task<(IActorRef Entity, TestProbe Presentities, TestProbe Edge)> PendingSubscriptionAsync()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var entity = StartEntity(Sys, Subscription(presentities, edge), CreateTestProbe());
        var reply = await AskAsync<SubscribeResult>(entity, Initial(600, at: DateTimeOffset.UtcNow));
        Assert.Equal(202, reply.StatusCode);
        presentities.ExpectMsg<Watch>(Timeout);
        presentities.Reply(new PresenceDocument(Aor, 1, Document("in a meeting"), SubscriptionId: Id));
        var pending = NextNotify(edge);
        Assert.Equal(SipState.Pending, pending.SubscriptionState!.State);
        Assert.True(pending.Body.IsEmpty);
        return (entity, presentities, edge);
    }

    [Fact]
    public void Allow_activates_a_pending_subscription_polite_block_activates_it_politely_and_repeats_change_nothing()
    {
        var pending = Engine.Subscription.SubscriptionState.None(Id).Apply(new SubscriptionCreated(
            Id, Aor, null, Watcher, WatcherTag, CallId, 1, RemoteTarget, [], UdpFlow, Samples.Now.AddHours(1), SubscriptionStatus.Pending, null, Samples.Now));

        var allowed = Assert.IsType<SubscriptionAuthorized>(Assert.Single(SubscriptionDecision.Authorize(pending, AuthorizationDecision.Allow, Samples.Now)));
        var polite = Assert.IsType<SubscriptionAuthorized>(Assert.Single(SubscriptionDecision.Authorize(pending, AuthorizationDecision.PoliteBlock, Samples.Now)));
        var active = pending.Apply(allowed);

        Assert.Equal((SubscriptionStatus.Active, false), (allowed.Status, allowed.Polite));
        Assert.Equal((SubscriptionStatus.Active, true), (polite.Status, polite.Polite));
        Assert.Empty(SubscriptionDecision.Authorize(active, AuthorizationDecision.Allow, Samples.Now));
        Assert.Empty(SubscriptionDecision.Authorize(pending, AuthorizationDecision.Block, Samples.Now));
        Assert.Single(SubscriptionDecision.Authorize(active.Apply(polite), AuthorizationDecision.Allow, Samples.Now));
    }

    [Fact]
    public async Task Allowing_a_pending_watcher_sends_an_active_notify_with_the_presentitys_document()
    {
        var (entity, _, edge) = await PendingSubscriptionAsync();

        entity.Tell(new ApplyAuthorization(Id, AuthorizationDecision.Allow, DateTimeOffset.UtcNow));
        var notify = NextNotify(edge);

        Assert.Equal(SipState.Active, notify.SubscriptionState!.State);
        Assert.Contains("in a meeting", Body(notify), StringComparison.Ordinal);
        Assert.Equal(2u, notify.CSeq!.Number);
    }

    [Fact]
    public async Task Blocking_a_watcher_ends_the_subscription_with_reason_rejected_and_no_state()
    {
        var (entity, presentities, edge) = await PendingSubscriptionAsync();

        entity.Tell(new ApplyAuthorization(Id, AuthorizationDecision.Block, DateTimeOffset.UtcNow));
        var notify = NextNotify(edge);

        Assert.Equal("terminated;reason=rejected", notify.Headers.GetFirstValue(KnownHeader.SubscriptionState));
        Assert.True(notify.Body.IsEmpty);
        Assert.Equal("rejected", presentities.ExpectMsg<Unwatch>(Timeout).Reason);
        var rows = await JournalRows.ReadAsync(JournalFile, SubscriptionShard.PersistenceIdPrefix + Id);
        Assert.Equal(["SC1", "SI1", "SI1", "ST1"], rows.Select(r => r.Manifest)); // the pending NOTIFY, the final one, the end
        var state = rows.Aggregate(
            Engine.Subscription.SubscriptionState.None(Id),
            (current, row) => current.Apply((ISubscriptionEvent)Sys.Serialization.Deserialize(row.Payload, row.SerializerId, row.Manifest)));
        Assert.Equal((SubscriptionStatus.Terminated, "rejected"), (state.Status, state.Reason));
    }

    [Fact]
    public async Task A_politely_blocked_watcher_is_active_but_sees_the_presentity_closed_also_after_changes()
    {
        var (entity, _, edge) = await PendingSubscriptionAsync();

        entity.Tell(new ApplyAuthorization(Id, AuthorizationDecision.PoliteBlock, DateTimeOffset.UtcNow));
        var first = NextNotify(edge);
        entity.Tell(new PresenceChanged(Id, Aor, 2, Document("now free")));
        var second = NextNotify(edge);

        Assert.Equal(SipState.Active, first.SubscriptionState!.State);
        Assert.Contains("<basic>closed</basic>", Body(first), StringComparison.Ordinal);
        Assert.DoesNotContain("meeting", Body(first), StringComparison.Ordinal);
        Assert.Contains("<basic>closed</basic>", Body(second), StringComparison.Ordinal);
        Assert.DoesNotContain("free", Body(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_presentity_keeps_the_decision_tells_current_subscriptions_and_answers_later_watches_with_it()
    {
        var subscriptions = CreateTestProbe();
        var presentity = StartEntity(Sys, PresentityShard.Props("0", new PublicationOptions(), null, 100, subscriptions), CreateTestProbe());
        await AskAsync<PresenceDocument>(presentity, new Watch(Aor, "sub-a", Watcher, DateTimeOffset.UtcNow));
        await AskAsync<PresenceDocument>(presentity, new Watch(Aor, "sub-b", ForeignWatcher, DateTimeOffset.UtcNow));

        var reply = await AskAsync<WatcherAuthorization>(presentity, new AuthorizeWatcher(Aor, Watcher, AuthorizationDecision.Allow, "alice", DateTimeOffset.UtcNow));
        var told = subscriptions.ExpectMsg<ApplyAuthorization>(Timeout);
        subscriptions.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        var later = await AskAsync<PresenceDocument>(presentity, new Watch(Aor, "sub-c", Watcher, DateTimeOffset.UtcNow));
        var other = await AskAsync<PresenceDocument>(presentity, new Watch(Aor, "sub-d", ForeignWatcher, DateTimeOffset.UtcNow));

        Assert.Equal(1, reply.Subscriptions);
        Assert.Equal(("sub-a", AuthorizationDecision.Allow), (told.SubscriptionId, told.Decision));
        Assert.Equal(AuthorizationDecision.Allow, later.Decision);
        Assert.Null(other.Decision);
        Assert.Contains("PV1", (await JournalRows.ReadAsync(JournalFile, PresentityShard.PersistenceIdPrefix + Aor)).Select(r => r.Manifest));
    }
}
