using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit;
using SimpleActors.Engine.Dialogs;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Subscription;
using SimpleActors.Engine.Tests.Entities;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;
using static SimpleActors.Engine.Tests.Entities.Samples;
using static SimpleActors.Engine.Tests.Subscription.SubscriptionSamples;
using SipState = SimpleActors.Sip.Message.SubscriptionState;

namespace SimpleActors.Engine.Tests.Subscription;

/// <summary>
/// The Subscription entity on the real SQLite journal, with probes standing in for the Presentity shard region and
/// the edge's dialog request actor.
/// </summary>
public class SubscriptionShardTests : EntityTestKit
{
    private static readonly SubscriptionOptions Options = new() { DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400 };

    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private static Props Entity(
        TestProbe presentities, TestProbe edge, SubscriptionOptions? options = null, TimeProvider? clock = null, int snapshotEvery = 100) =>
        SubscriptionShard.Props("0", options ?? Options, clock, snapshotEvery, presentities, edge);

    private static Subscribe InitialNow(int? expires, string watcher = Watcher) => Initial(expires, watcher: watcher, at: DateTimeOffset.UtcNow);

    private static Subscribe InDialogNow(int? expires, uint cseq) => InDialog(expires, cseq, DateTimeOffset.UtcNow);

    private async Task<IReadOnlyList<string>> ManifestsAsync() =>
        [.. (await JournalRows.ReadAsync(JournalFile, SubscriptionShard.PersistenceIdPrefix + Id)).Select(r => r.Manifest)];

    /// <summary>
    /// The journal comes to hold these events (a NOTIFY inside its reserved CSeqs is on its way before its record is
    /// written, so the record may follow it by a moment).
    /// </summary>
    private Task ExpectManifestsAsync(IReadOnlyList<string> expected) =>
        AwaitAssertAsync(async () => Assert.Equal(expected, await ManifestsAsync()), Timeout);

    private async Task<IReadOnlyList<ISubscriptionEvent>> EventsAsync() =>
        [.. (await JournalRows.ReadAsync(JournalFile, SubscriptionShard.PersistenceIdPrefix + Id))
            .Select(r => (ISubscriptionEvent)Sys.Serialization.Deserialize(r.Payload, r.SerializerId, r.Manifest))];

    /// <summary>The presentity answers the entity's Watch with its document, as the Presentity entity does.</summary>
    private static Watch AnswerWatch(TestProbe presentities, long version, byte[] document)
    {
        var watch = presentities.ExpectMsg<Watch>(Timeout);
        presentities.Reply(new PresenceDocument(Aor, version, document, SubscriptionId: Id));
        return watch;
    }

    /// <summary>The next NOTIFY the entity hands to the edge, parsed.</summary>
    private static (Sent Send, SipRequest Notify) NextNotify(TestProbe edge, TimeSpan? within = null)
    {
        var send = edge.ExpectMsg<SendDialogRequest>(within ?? Timeout);
        return (new Sent(send, edge.LastSender), Parse(send.Request));
    }

    /// <summary>The edge's final answer to a NOTIFY it was handed, sent back to the entity that sent it.</summary>
    private static void Answer(Sent sent, int status) =>
        sent.From.Tell(new DialogRequestOutcome(sent.Request.Correlation, status, null));

    [Fact]
    public async Task The_200_comes_after_the_subscription_is_journaled_then_the_presentity_is_watched_and_the_notify_carries_its_document()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(presentities, edge), CreateTestProbe());

        var reply = await AskAsync<SubscribeResult>(entity, InitialNow(600));

        Assert.Equal((200, 600), (reply.StatusCode, reply.Expires));
        await ExpectManifestsAsync(["SC1"]);
        var watch = presentities.ExpectMsg<Watch>(Timeout);
        Assert.Equal((Aor, Id, Watcher), (watch.Aor, watch.SubscriptionId, watch.Watcher));
        Assert.Equal(new Engine.Entities.RequestRef(CallId, 1, "bob"), watch.Request); // for the presentity's history
        edge.ExpectNoMsg(Quiet);

        var document = Document("in the office");
        presentities.Reply(new PresenceDocument(Aor, 1, document, SubscriptionId: Id));

        var (send, notify) = NextNotify(edge);
        Assert.Equal((UdpFlow, 1L), (send.Flow, send.Correlation));
        Assert.Equal(RemoteTarget, notify.RequestUriText);
        Assert.Equal((1u, "NOTIFY"), (notify.CSeq!.Number, notify.CSeq.Method));
        Assert.Equal((Aor, Id, Watcher, WatcherTag, CallId), (notify.From!.Uri.ToString(), notify.From.Tag, notify.To!.Uri.ToString(), notify.To.Tag, notify.CallId));
        Assert.Equal(SipState.Active, notify.SubscriptionState!.State);
        Assert.InRange(notify.SubscriptionState.Expires!.Value, 590, 600);
        Assert.Equal("application/pidf+xml", notify.Headers.GetFirstValue("Content-Type"));
        Assert.Equal(document, notify.Body.ToArray());
        await ExpectManifestsAsync(["SC1", "SI1"]);
        var issued = Assert.IsType<NotifyIssued>((await EventsAsync())[1]);
        Assert.Equal((1u, 1L, SubscriptionStatus.Active, 0u), (issued.CSeq, issued.Version, issued.Status, issued.ReservedUpTo));
        Assert.Equal(NotifyDigest.Of(document), issued.BodyDigest);
    }

    [Fact]
    public async Task Changes_during_an_unanswered_notify_are_coalesced_into_one_notify_of_the_newest_version()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(presentities, edge), CreateTestProbe());
        await AskAsync<SubscribeResult>(entity, InitialNow(600));
        AnswerWatch(presentities, 1, Document("v1"));
        var (first, _) = NextNotify(edge);

        // A slow watcher under a burst: three changes while the first NOTIFY is unanswered.
        entity.Tell(new PresenceChanged(Id, Aor, 2, Document("v2")));
        entity.Tell(new PresenceChanged(Id, Aor, 3, Document("v3")));
        entity.Tell(new PresenceChanged(Id, Aor, 4, Document("v4")));
        edge.ExpectNoMsg(Quiet);

        Answer(first, 200);
        var (second, notify) = NextNotify(edge);
        Assert.Equal((2u, 2L), (notify.CSeq!.Number, second.Correlation));
        Assert.Equal(Document("v4"), notify.Body.ToArray());
        edge.ExpectNoMsg(Quiet);

        // A version older than the one sent comes late: nothing to say.
        Answer(second, 200);
        entity.Tell(new PresenceChanged(Id, Aor, 3, Document("v3")));
        entity.Tell(new PresenceChanged(Id, Aor, 4, Document("v4 again")));
        edge.ExpectNoMsg(Quiet);

        entity.Tell(new PresenceChanged(Id, Aor, 5, Document("v5")));
        var (_, third) = NextNotify(edge);
        Assert.Equal(3u, third.CSeq!.Number);
        Assert.Equal(Document("v5"), third.Body.ToArray());
        await ExpectManifestsAsync(["SC1", "SI1", "SI1", "SI1"]);
    }

    [Fact]
    public async Task A_notify_answered_500_keeps_the_subscription_and_the_next_change_is_notified()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(presentities, edge), CreateTestProbe());
        await AskAsync<SubscribeResult>(entity, InitialNow(600));
        AnswerWatch(presentities, 1, Document("v1"));
        var (first, _) = NextNotify(edge);

        Answer(first, 500);
        entity.Tell(new PresenceChanged(Id, Aor, 2, Document("v2")));

        var (_, notify) = NextNotify(edge);
        Assert.Equal(2u, notify.CSeq!.Number);
        Assert.Equal(Document("v2"), notify.Body.ToArray());
        presentities.ExpectNoMsg(Quiet);
        await ExpectManifestsAsync(["SC1", "SI1", "SI1"]);
    }

    [Fact]
    public async Task A_notify_answered_481_ends_the_subscription_without_another_notify_and_unwatches()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var parent = CreateTestProbe();

        var entity = parent.ChildActorOf(Entity(presentities, edge));
        await AskAsync<SubscribeResult>(entity, InitialNow(600));
        AnswerWatch(presentities, 1, Document("v1"));
        var (first, _) = NextNotify(edge);

        // The NOTIFY's CSeq was reserved with the subscription: it left before its record was written.
        Answer(first, 481);

        var unwatch = presentities.ExpectMsg<Unwatch>(Timeout);
        Assert.Equal((Aor, Id, "notify-481"), (unwatch.Aor, unwatch.SubscriptionId, unwatch.Reason));
        await AwaitLetGoAsync(entity, Id, Timeout);
        await ExpectManifestsAsync(["SC1", "SI1", "ST1"]);

        // A change still sent to the ended subscription (its Unwatch lost, say) gets the Unwatch again, not a NOTIFY: the
        // shard reads the ended subscription again for it.
        entity.Tell(new PresenceChanged(Id, Aor, 2, Document("v2")));
        Assert.Equal((Aor, Id), presentities.ExpectMsg<Unwatch>(Timeout) is var again ? (again.Aor, again.SubscriptionId) : default);
        Assert.Equal(481, (await AskAsync<SubscribeResult>(entity, InDialogNow(600, 2))).StatusCode);
        edge.ExpectNoMsg(Quiet);
        presentities.ExpectNoMsg(TimeSpan.Zero);
        await ExpectManifestsAsync(["SC1", "SI1", "ST1"]);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(503)]
    public async Task A_notify_that_times_out_or_cannot_be_sent_ends_the_subscription(int status)
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var watcher = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(presentities, edge), watcher);
        await AskAsync<SubscribeResult>(entity, InitialNow(600));
        AnswerWatch(presentities, 1, Document("v1"));
        var (first, _) = NextNotify(edge);

        Answer(first, status);

        presentities.ExpectMsg<Unwatch>(Timeout);
        await AwaitLetGoAsync(entity, Id, Timeout);
        edge.ExpectNoMsg(Quiet);
        await ExpectManifestsAsync(["SC1", "SI1", "ST1"]);
    }

    [Fact]
    public async Task A_subscription_expires_on_time_with_a_final_notify_then_unwatches_and_passivates()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var watcher = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(presentities, edge), watcher);
        var subscribedAt = DateTimeOffset.UtcNow;
        var reply = await AskAsync<SubscribeResult>(entity, InitialNow(1));
        Assert.Equal((200, 1), (reply.StatusCode, reply.Expires));
        AnswerWatch(presentities, 1, Document("v1"));
        var (first, active) = NextNotify(edge);
        Assert.Equal(SipState.Active, active.SubscriptionState!.State);
        Answer(first, 200);

        // On time: not before the expiry (the journal write before the final NOTIFY may be slow on a loaded machine).
        var (last, final) = NextNotify(edge, TimeSpan.FromSeconds(6));

        Assert.True(DateTimeOffset.UtcNow >= subscribedAt.AddSeconds(1));
        Assert.Equal((2u, 2L), (final.CSeq!.Number, last.Correlation));
        Assert.Equal((SipState.Terminated, "timeout"), (final.SubscriptionState!.State, final.SubscriptionState.Reason));
        Assert.Equal(RemoteTarget, final.RequestUriText);
        var unwatch = presentities.ExpectMsg<Unwatch>(Timeout);
        Assert.Equal((Id, "timeout"), (unwatch.SubscriptionId, unwatch.Reason));
        Assert.Null(unwatch.Request); // expired: no request ended it
        await AwaitLetGoAsync(entity, Id, Timeout);
        await ExpectManifestsAsync(["SC1", "SI1", "SI1", "ST1"]);
    }

    [Fact]
    public async Task An_unsubscribe_is_answered_then_a_final_notify_with_the_current_document_ends_the_subscription()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var watcher = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(presentities, edge), watcher);
        await AskAsync<SubscribeResult>(entity, InitialNow(600));
        AnswerWatch(presentities, 1, Document("v1"));
        var (first, _) = NextNotify(edge);
        Answer(first, 200);

        var reply = await AskAsync<SubscribeResult>(entity, InDialogNow(0, 2));

        Assert.Equal((200, 0), (reply.StatusCode, reply.Expires));
        var (_, final) = NextNotify(edge);
        Assert.Equal(2u, final.CSeq!.Number);
        Assert.Equal((SipState.Terminated, "timeout"), (final.SubscriptionState!.State, final.SubscriptionState.Reason));
        Assert.Equal(Document("v1"), final.Body.ToArray());
        var unwatch = presentities.ExpectMsg<Unwatch>(Timeout);
        Assert.Equal(("timeout", new Engine.Entities.RequestRef(CallId, 2, "bob")), (unwatch.Reason, unwatch.Request)); // the unsubscribe
        await AwaitLetGoAsync(entity, Id, Timeout);
        edge.ExpectNoMsg(Quiet);
        await ExpectManifestsAsync(["SC1", "SI1", "SF1", "SI1", "ST1"]);
    }

    [Fact]
    public async Task A_fetch_gets_one_final_notify_with_the_current_document()
    {
        // RFC 6665 section 4.4.3: a SUBSCRIBE with Expires 0 fetches the state; its one NOTIFY carries it.
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(presentities, edge), CreateTestProbe());

        var reply = await AskAsync<SubscribeResult>(entity, InitialNow(0));

        Assert.Equal((200, 0), (reply.StatusCode, reply.Expires));
        AnswerWatch(presentities, 1, Document("v1"));
        var (_, notify) = NextNotify(edge);
        Assert.Equal((SipState.Terminated, "timeout"), (notify.SubscriptionState!.State, notify.SubscriptionState.Reason));
        Assert.Equal(Document("v1"), notify.Body.ToArray());
        edge.ExpectNoMsg(Quiet);
    }

    [Fact]
    public async Task An_unsubscribe_while_a_notify_is_unanswered_sends_the_final_notify_with_the_document_after_the_outcome()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(presentities, edge), CreateTestProbe());
        await AskAsync<SubscribeResult>(entity, InitialNow(600));
        AnswerWatch(presentities, 1, Document("v1"));
        var (first, _) = NextNotify(edge);

        Assert.Equal(200, (await AskAsync<SubscribeResult>(entity, InDialogNow(0, 2))).StatusCode);

        edge.ExpectNoMsg(Quiet);
        Answer(first, 200);
        var (_, final) = NextNotify(edge);
        Assert.Equal(2u, final.CSeq!.Number);
        Assert.Equal(SipState.Terminated, final.SubscriptionState!.State);
        Assert.Equal(Document("v1"), final.Body.ToArray());
    }

    [Fact]
    public async Task A_refresh_is_answered_with_the_new_expiry_and_followed_by_a_notify_of_the_state_and_the_new_expiry_for_the_presentity()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(presentities, edge), CreateTestProbe());
        await AskAsync<SubscribeResult>(entity, InitialNow(600));
        AnswerWatch(presentities, 1, Document("v1"));
        var (first, _) = NextNotify(edge);
        Answer(first, 200);

        var reply = await AskAsync<SubscribeResult>(entity, InDialogNow(1800, 2) with { Flow = TcpFlow });

        Assert.Equal((200, 1800), (reply.StatusCode, reply.Expires));
        var (send, notify) = NextNotify(edge);
        Assert.Equal(TcpFlow, send.Flow);
        Assert.Equal(2u, notify.CSeq!.Number);
        Assert.Equal(SipState.Active, notify.SubscriptionState!.State);
        Assert.InRange(notify.SubscriptionState.Expires!.Value, 1790, 1800);
        Assert.Equal(Document("v1"), notify.Body.ToArray());

        // No Watch again: only the new expiry, so the presentity wakes the subscription then should it sleep.
        var wake = presentities.ExpectMsg<WakeAt>(Timeout);
        Assert.Equal((Aor, Id), (wake.Aor, wake.SubscriptionId));
        Assert.InRange(wake.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(1790), DateTimeOffset.UtcNow.AddSeconds(1800));
        presentities.ExpectNoMsg(Quiet);
        await ExpectManifestsAsync(["SC1", "SI1", "SF1", "SI1"]);
    }

    [Fact]
    public async Task A_refresh_while_a_notify_is_unanswered_is_notified_after_the_outcome()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(presentities, edge), CreateTestProbe());
        await AskAsync<SubscribeResult>(entity, InitialNow(600));
        AnswerWatch(presentities, 1, Document("v1"));
        var (first, _) = NextNotify(edge);

        Assert.Equal(200, (await AskAsync<SubscribeResult>(entity, InDialogNow(1800, 2))).StatusCode);
        edge.ExpectNoMsg(Quiet);
        Answer(first, 200);

        var (_, notify) = NextNotify(edge);
        Assert.Equal(2u, notify.CSeq!.Number);
        Assert.InRange(notify.SubscriptionState!.Expires!.Value, 1790, 1800);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(2)]
    public async Task Notify_cseqs_keep_going_up_across_a_restart(int snapshotEvery)
    {
        var first = StartOtherSystem();
        var presentities = CreateTestProbe(first);
        var edge = CreateTestProbe(first);
        var entity = StartEntity(first, Entity(presentities, edge, snapshotEvery: snapshotEvery), CreateTestProbe(first));
        await AskAsync<SubscribeResult>(entity, InitialNow(600));
        AnswerWatch(presentities, 1, Document("v1"));
        var (one, notify1) = NextNotify(edge);
        Answer(one, 200);
        entity.Tell(new PresenceChanged(Id, Aor, 2, Document("v2")));
        var (two, notify2) = NextNotify(edge);
        Answer(two, 200);
        Assert.Equal(200, (await AskAsync<SubscribeResult>(entity, InDialogNow(600, 2))).StatusCode);
        var (three, notify3) = NextNotify(edge);
        Answer(three, 200);
        Assert.Equal((1u, 2u, 3u), (notify1.CSeq!.Number, notify2.CSeq!.Number, notify3.CSeq!.Number));
        if (snapshotEvery == 2)
        {
            await AwaitAssertAsync(async () => Assert.True(await SnapshotCountAsync() > 0), Timeout);
        }

        // Stopped without warning: the NOTIFYs inside the reserved block are journaled, but the next incarnation cannot know
        // whether a later one left in the moment before its record was written.
        await first.Terminate();

        var presentitiesHere = CreateTestProbe();
        var edgeHere = CreateTestProbe();
        var recovered = StartEntity(Sys, Entity(presentitiesHere, edgeHere, snapshotEvery: snapshotEvery), CreateTestProbe());
        Assert.Equal(500, (await AskAsync<SubscribeResult>(recovered, InDialogNow(600, 2))).StatusCode);
        Assert.Equal(200, (await AskAsync<SubscribeResult>(recovered, InDialogNow(600, 3))).StatusCode);
        AnswerWatch(presentitiesHere, 2, Document("v2"));

        // The next CSeq is past every CSeq that may have been used: the whole reserved block (RFC 3261 section 12.2.2
        // lets the watcher accept the gap).
        var (send, notify4) = NextNotify(edgeHere);
        Assert.Equal((SubscriptionDecision.CSeqBlock + 1, (long)SubscriptionDecision.CSeqBlock + 1), (notify4.CSeq!.Number, send.Correlation));
        Assert.Equal((RemoteTarget, Id, WatcherTag), (notify4.RequestUriText, notify4.From!.Tag, notify4.To!.Tag));
        Assert.Equal(2, notify4.Routes.Count);
        Assert.Equal(EventId, notify4.Event!.Id);
        Assert.Equal(Document("v2"), notify4.Body.ToArray());
        await ExpectManifestsAsync(["SC1", "SI1", "SI1", "SF1", "SI1", "SF1", "SI1"]);
    }

    [Fact]
    public async Task A_notify_of_the_presentitys_document_journals_the_digest_the_presentity_computed_for_the_fan_out()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(presentities, edge), CreateTestProbe());
        await AskAsync<SubscribeResult>(entity, InitialNow(600));
        presentities.ExpectMsg<Watch>(Timeout);
        presentities.Reply(new PresenceDocument(Aor, 1, Document("v1"), Digest: "0123456789abcdef", SubscriptionId: Id));
        var (one, _) = NextNotify(edge);
        Answer(one, 200);

        entity.Tell(new PresenceChanged(Id, Aor, 2, Document("v2"), "fedcba9876543210"));
        NextNotify(edge);

        await ExpectManifestsAsync(["SC1", "SI1", "SI1"]);
        var digests = (await EventsAsync()).OfType<NotifyIssued>().Select(n => n.BodyDigest);
        Assert.Equal(["0123456789abcdef", "fedcba9876543210"], digests); // taken as given, not hashed again per watcher
    }

    [Fact]
    public async Task A_subscription_that_starts_again_notifies_only_of_a_version_newer_than_it_journaled_as_sent()
    {
        // A presentity that started again retells its state; the watcher already had that version: no second NOTIFY.
        var first = StartOtherSystem();
        var firstEdge = CreateTestProbe(first);
        var entity = StartEntity(first, Entity(CreateTestProbe(first), firstEdge), CreateTestProbe(first));
        await AskAsync<SubscribeResult>(entity, InitialNow(600));
        entity.Tell(new PresenceDocument(Aor, 1, Document("v1"), SubscriptionId: Id));
        var (one, _) = NextNotify(firstEdge);
        Answer(one, 200);
        await ExpectManifestsAsync(["SC1", "SI1"]);
        await first.Terminate();

        var edge = CreateTestProbe();
        var recovered = StartEntity(Sys, Entity(CreateTestProbe(), edge), CreateTestProbe());
        recovered.Tell(new PresenceChanged(Id, Aor, 1, Document("v1")));
        edge.ExpectNoMsg(Quiet);

        recovered.Tell(new PresenceChanged(Id, Aor, 2, Document("v2")));
        var (_, notify) = NextNotify(edge);
        Assert.Equal(Document("v2"), notify.Body.ToArray());
        Assert.Equal(SubscriptionDecision.CSeqBlock + 1, notify.CSeq!.Number);
    }

    [Fact]
    public async Task A_subscription_that_expired_while_the_system_was_down_ends_on_recovery_with_a_final_notify()
    {
        // The first system's clock stands a minute back, so the subscription is still live there when it stops. The
        // final NOTIFY after the restart goes on after the CSeqs reserved before it (RFC 3261 section 12.2.2 lets a
        // UAS accept the gap).
        var first = StartOtherSystem();
        var back = new FrozenClock(DateTimeOffset.UtcNow.AddMinutes(-1));
        var presentities = CreateTestProbe(first);
        var edge = CreateTestProbe(first);
        var entity = StartEntity(first, Entity(presentities, edge, clock: back), CreateTestProbe(first));
        Assert.Equal(200, (await AskAsync<SubscribeResult>(entity, Initial(1, at: back.GetUtcNow()))).StatusCode);
        AnswerWatch(presentities, 1, Document("v1"));
        Assert.Equal(1u, NextNotify(edge).Notify.CSeq!.Number);
        await first.Terminate();

        var presentitiesHere = CreateTestProbe();
        var edgeHere = CreateTestProbe();
        var watcher = CreateTestProbe();
        var shard = StartEntity(Sys, Entity(presentitiesHere, edgeHere), watcher);
        shard.Tell(new WakeSubscription(Id)); // its presentity wakes it at the expiry it knew

        var (send, final) = NextNotify(edgeHere, TimeSpan.FromSeconds(3));
        Assert.Equal(UdpFlow, send.Flow);
        Assert.Equal((RemoteTarget, SubscriptionDecision.CSeqBlock + 1), (final.RequestUriText, final.CSeq!.Number));
        Assert.Equal((SipState.Terminated, "timeout"), (final.SubscriptionState!.State, final.SubscriptionState.Reason));
        var unwatch = presentitiesHere.ExpectMsg<Unwatch>(Timeout);
        Assert.Equal((Aor, Id, "timeout"), (unwatch.Aor, unwatch.SubscriptionId, unwatch.Reason));
        await AwaitLetGoAsync(shard, Id, Timeout);
        await ExpectManifestsAsync(["SC1", "SI1", "SI1", "ST1"]);
    }

    [Fact]
    public async Task A_pending_watcher_gets_a_pending_notify_without_the_presentity_state_and_no_notify_for_changes()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(presentities, edge, new SubscriptionOptions { MinExpires = 1, Policy = SubscriptionPolicy.Pending }), CreateTestProbe());

        var reply = await AskAsync<SubscribeResult>(entity, InitialNow(600, ForeignWatcher));

        Assert.Equal((202, 600), (reply.StatusCode, reply.Expires));
        AnswerWatch(presentities, 1, Document("v1"));
        var (send, notify) = NextNotify(edge);
        Assert.Equal(SipState.Pending, notify.SubscriptionState!.State);
        Assert.InRange(notify.SubscriptionState.Expires!.Value, 590, 600);
        Assert.Equal("pending;expires=" + notify.SubscriptionState.Expires.Value, notify.Headers.GetFirstValue("Subscription-State"));
        Assert.True(notify.Body.IsEmpty);
        Assert.Null(notify.Headers.GetFirstValue("Content-Type"));
        Assert.Equal(0, notify.DeclaredContentLength);

        Answer(send, 200);
        entity.Tell(new PresenceChanged(Id, Aor, 2, Document("v2")));
        edge.ExpectNoMsg(Quiet);
        await ExpectManifestsAsync(["SC1", "SI1"]);
    }

    [Fact]
    public async Task A_subscribe_rejected_with_423_stores_nothing_watches_nothing_and_passivates()
    {
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var watcher = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(presentities, edge, new SubscriptionOptions()), watcher);

        var reply = await AskAsync<SubscribeResult>(entity, InitialNow(10));

        Assert.Equal((423, 60), (reply.StatusCode, reply.MinExpires));
        await AwaitLetGoAsync(entity, Id, Timeout);
        presentities.ExpectNoMsg(TimeSpan.Zero);
        edge.ExpectNoMsg(TimeSpan.Zero);
        Assert.Empty(await ManifestsAsync());
    }

    /// <summary>A NOTIFY handed to the edge, and the entity that handed it.</summary>
    private sealed record Sent(SendDialogRequest Request, IActorRef From)
    {
        public long Correlation => Request.Correlation;

        public SipFlow Flow => Request.Flow;
    }

    private Task<long> SnapshotCountAsync() => JournalRows.SnapshotCountAsync(JournalFile, SubscriptionShard.PersistenceIdPrefix + Id);
}
