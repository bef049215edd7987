using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.TestKit;
using SimpleActors.Engine.Dialogs;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Registration;
using SimpleActors.Engine.Subscription;
using SimpleActors.Engine.Tests.Entities;
using static SimpleActors.Engine.Tests.Entities.Samples;
using static SimpleActors.Engine.Tests.Subscription.SubscriptionSamples;
using SimpleActors.Tests.Shared;

namespace SimpleActors.Engine.Tests.Metrics;

/// <summary>What the entities and the journal measure (meter SimpleActors.Engine), on the real SQLite journal.</summary>
[Collection(MetricsRunAlone.Name)]
public sealed class EngineMetricsTests : EntityTestKit
{
    private const string Registrations = "simpleactors.registrations.active";
    private const string Publications = "simpleactors.publications.active";
    private const string Subscriptions = "simpleactors.subscriptions.active";
    private const string StoredMessages = "simpleactors.messages.stored";

    private readonly MetricRecorder metrics = new(EngineMetrics.MeterName);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            metrics.Dispose();
        }
    }

    private static Register RegisterNow(int expires, params string[] uris) =>
        Register("call-1", 1, [.. uris.Select(u => Contact(u, expires: expires))]) with { At = DateTimeOffset.UtcNow };

    private static Publish PublishNow(string? ifMatch, int expires, string newETag, uint cseq) =>
        new(Aor, ifMatch, expires, ifMatch is null ? "application/pidf+xml" : null, ifMatch is null ? Document("here") : null,
            newETag, "call-1", cseq, "alice", DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_registration_counts_once_while_bound_leaves_the_gauge_when_its_actor_stops_and_comes_back_with_recovery()
    {
        var options = new RegistrarOptions { DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400 };
        var entity = StartEntity(Sys, RegistrationShard.Props("0", options), CreateTestProbe());

        await AskAsync<RegisterResult>(entity, RegisterNow(600, "sip:alice@192.0.2.10", "sip:alice@192.0.2.11"));
        var whileBound = metrics.Sum(Registrations);
        await StopAsync(entity);
        var stopped = metrics.Sum(Registrations);
        var recovered = StartEntity(Sys, RegistrationShard.Props("0", options), CreateTestProbe());
        await AskAsync<CurrentBindings>(recovered, new GetBindings(Aor));

        Assert.Equal(1, whileBound); // one address of record, two bindings
        Assert.Equal(0, stopped);
        Assert.Equal(1, metrics.Sum(Registrations));
    }

    [Fact]
    public async Task A_registration_whose_bindings_expire_leaves_the_gauge()
    {
        var options = new RegistrarOptions { DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400 };
        var watcher = CreateTestProbe();
        var entity = StartEntity(Sys, RegistrationShard.Props("0", options), watcher);

        await AskAsync<RegisterResult>(entity, RegisterNow(1, "sip:alice@192.0.2.10"));
        var whileBound = metrics.Sum(Registrations);
        AwaitCondition(() => metrics.Sum(Registrations) == 0, TimeSpan.FromSeconds(5));

        Assert.Equal(1, whileBound);
        Assert.Equal(0, metrics.Sum(Registrations));
        Assert.Equal([1.0, -1.0], metrics.Of(Registrations).Select(m => m.Value));
    }

    [Fact]
    public async Task A_stored_message_counts_until_its_delivery_is_acknowledged()
    {
        var entity = StartEntity(Sys, MailboxActor.Props(Aor), CreateTestProbe());
        StoreMessage Store(string id) => new(
            Aor, id, "<sip:bob@example.com>", "<sip:alice@example.com>", null, [], "msg-" + id, 1, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));

        await AskAsync<MessageStored>(entity, Store("m1"));
        await AskAsync<MessageStored>(entity, Store("m2"));
        var two = metrics.Sum(StoredMessages);
        await AskAsync<DeliveryAcknowledged>(entity, new AcknowledgeDelivery(Aor, "m1", DateTimeOffset.UtcNow));

        Assert.Equal(2, two);
        Assert.Equal(1, metrics.Sum(StoredMessages));
    }

    [Fact]
    public async Task Every_publication_of_a_presentity_counts()
    {
        var options = new PublicationOptions { DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400 };
        var entity = StartEntity(Sys, PresentityShard.Props("0", options, emptyLinger: TimeSpan.FromSeconds(30)), CreateTestProbe());

        await AskAsync<PublishResult>(entity, PublishNow(null, 600, "e1", 1));
        await AskAsync<PublishResult>(entity, PublishNow(null, 600, "e2", 2));
        var two = metrics.Sum(Publications);
        await AskAsync<PublishResult>(entity, PublishNow("e1", 0, "e3", 3)); // RFC 3903 section 4.5: removal

        Assert.Equal(2, two);
        Assert.Equal(1, metrics.Sum(Publications));
    }

    [Fact]
    public async Task A_notify_is_counted_when_sent_and_its_latency_recorded_when_answered_and_the_subscription_counts_while_live()
    {
        var options = new SubscriptionOptions { DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400 };
        var presentities = CreateTestProbe();
        var edge = CreateTestProbe();
        var entity = StartEntity(Sys, SubscriptionShard.Props("0", options, presentities: presentities, edge: edge), CreateTestProbe());

        await AskAsync<SubscribeResult>(entity, Initial(600, at: DateTimeOffset.UtcNow));
        var live = metrics.Sum(Subscriptions);
        presentities.ExpectMsg<Watch>(Timeout);
        presentities.Reply(new PresenceDocument(Aor, 1, Document("here"), SubscriptionId: Id));
        var send = edge.ExpectMsg<SendDialogRequest>(Timeout);
        var sentBeforeAnswer = metrics.Of("sip.notify.sent");
        var latencyBeforeAnswer = metrics.Of("sip.notify.latency");
        await Task.Delay(20);
        edge.LastSender.Tell(new DialogRequestOutcome(send.Correlation, 200, null));
        await AwaitAssertAsync(() => Assert.Single(metrics.Of("sip.notify.latency")), Timeout);

        Assert.Equal(1, live);
        var sent = Assert.Single(sentBeforeAnswer);
        Assert.Equal("presence", sent.Tags["event"]);
        Assert.Empty(latencyBeforeAnswer);
        var latency = Assert.Single(metrics.Of("sip.notify.latency"));
        Assert.Equal("presence", latency.Tags["event"]);
        Assert.InRange(latency.Value, 1, 10_000); // the 20 ms waited before the answer, less the timer's own slack
    }

    [Fact]
    public async Task Every_journal_transaction_is_timed()
    {
        var options = new RegistrarOptions { DefaultExpires = 3600, MinExpires = 1, MaxExpires = 86400 };
        var entity = StartEntity(Sys, RegistrationShard.Props("0", options), CreateTestProbe());

        await AskAsync<RegisterResult>(entity, RegisterNow(600, "sip:alice@192.0.2.10"));

        var writes = metrics.Of("simpleactors.journal.write.duration");
        Assert.NotEmpty(writes);
        Assert.All(writes, write => Assert.Equal("committed", write.Tags["outcome"]));
        Assert.All(writes, write => Assert.True(write.Value > 0));
    }

    [Fact]
    public void A_tally_adds_the_difference_and_takes_back_all_it_added()
    {
        using var meter = new Meter("SimpleActors.Engine.Tests.Tally");
        var gauge = meter.CreateUpDownCounter<long>("live");
        var values = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument == gauge)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => values.Add(value));
        listener.Start();
        var tally = new LiveTally(gauge);

        tally.Set(1);
        tally.Set(3);
        tally.Set(3);
        tally.Set(2);
        tally.Clear();
        tally.Clear();

        Assert.Equal([1L, 2, -1, -2], values);
        Assert.Equal(0, tally.Counted);
    }

    private async Task StopAsync(IActorRef entity)
    {
        var probe = CreateTestProbe();
        probe.Watch(entity);
        Sys.Stop(entity);
        await probe.ExpectTerminatedAsync(entity, Timeout);
    }
}
