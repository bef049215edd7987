using System.Text;
using Akka.Actor;
using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Tests.Entities;
using static SimpleActors.Engine.Tests.Entities.Samples;

namespace SimpleActors.Engine.Tests.Mailbox;

public class MailboxActorTests : EntityTestKit
{
    private static Props Entity() => MailboxActor.Props(Aor);

    internal static StoreMessage Store(string id, TimeSpan lifetime, string text = "hello") => new(
        Aor, id, "sip:bob@example.com", Aor, "text/plain", Encoding.UTF8.GetBytes(text), "call-" + id, 1, "bob",
        DateTimeOffset.UtcNow, DateTimeOffset.UtcNow + lifetime);

    private async Task<IReadOnlyList<string>> ManifestsAsync() =>
        [.. (await JournalRows.ReadAsync(JournalFile, MailboxActor.PersistenceIdPrefix + Aor)).Select(r => r.Manifest)];

    [Fact]
    public async Task A_stored_message_is_in_the_journal_when_the_reply_comes_and_is_stored_once()
    {
        var entity = StartEntity(Sys, Entity(), CreateTestProbe());

        Assert.Equal(new MessageStored(Aor, "m1"), await AskAsync<MessageStored>(entity, Store("m1", TimeSpan.FromHours(1))));
        Assert.Equal(["MQ1"], await ManifestsAsync());
        Assert.Equal(new MessageStored(Aor, "m1"), await AskAsync<MessageStored>(entity, Store("m1", TimeSpan.FromHours(1))));

        var pending = await AskAsync<PendingMessages>(entity, new GetPendingMessages(Aor));
        Assert.Equal("hello", Encoding.UTF8.GetString(Assert.Single(pending.Messages).Body));
        Assert.Equal(["MQ1"], await ManifestsAsync());
    }

    [Fact]
    public async Task Pending_messages_come_in_arrival_order_and_an_acknowledged_one_is_removed()
    {
        var watcher = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(), watcher);
        foreach (var id in new[] { "m3", "m1", "m2" })
        {
            await AskAsync<MessageStored>(entity, Store(id, TimeSpan.FromHours(1)));
        }

        Assert.Equal(["m3", "m1", "m2"], (await AskAsync<PendingMessages>(entity, new GetPendingMessages(Aor))).Messages.Select(m => m.MessageId));
        Assert.Equal(new DeliveryAcknowledged(Aor, "m1"), await AskAsync<DeliveryAcknowledged>(entity, new AcknowledgeDelivery(Aor, "m1", DateTimeOffset.UtcNow)));
        Assert.Equal(["m3", "m2"], (await AskAsync<PendingMessages>(entity, new GetPendingMessages(Aor))).Messages.Select(m => m.MessageId));

        await AskAsync<DeliveryAcknowledged>(entity, new AcknowledgeDelivery(Aor, "m3", DateTimeOffset.UtcNow));
        await AskAsync<DeliveryAcknowledged>(entity, new AcknowledgeDelivery(Aor, "m2", DateTimeOffset.UtcNow));
        ExpectPassivation(watcher, TimeSpan.FromSeconds(3));
        Assert.Equal(["MQ1", "MQ1", "MQ1", "MD1", "MD1", "MD1"], await ManifestsAsync());
    }

    [Fact]
    public async Task A_message_expires_at_its_time_and_the_empty_mailbox_passivates()
    {
        var watcher = CreateTestProbe();
        var entity = StartEntity(Sys, Entity(), watcher);
        var store = Store("m1", TimeSpan.FromSeconds(1));
        await AskAsync<MessageStored>(entity, store);

        // At its time: not before (the journal write and the passivation may take a while on a loaded machine).
        ExpectPassivation(watcher, TimeSpan.FromSeconds(8));

        Assert.True(DateTimeOffset.UtcNow >= store.ExpiresAt);
        Assert.Equal(["MQ1", "MX1"], await ManifestsAsync());
    }

    [Fact]
    public async Task Messages_survive_a_restart_and_one_that_expired_meanwhile_is_expired_on_recovery()
    {
        // The first system's clock stands a minute back: there, "short" is still live when it stops.
        var frozen = DateTimeOffset.UtcNow.AddMinutes(-1);
        var first = StartOtherSystem();
        var entity = StartEntity(first, MailboxActor.Props(Aor, new FrozenClock(frozen)), CreateTestProbe(first));
        await AskAsync<MessageStored>(entity, Store("short", TimeSpan.FromSeconds(1)) with { ExpiresAt = frozen.AddSeconds(1) });
        await AskAsync<MessageStored>(entity, Store("long", TimeSpan.FromHours(1), "keep me"));
        await first.Terminate();

        var recovered = StartEntity(Sys, Entity(), CreateTestProbe());
        var pending = await AskAsync<PendingMessages>(recovered, new GetPendingMessages(Aor));

        Assert.Equal("keep me", Encoding.UTF8.GetString(Assert.Single(pending.Messages).Body));
        await AwaitAssertAsync(async () => Assert.Equal(["MQ1", "MQ1", "MX1"], await ManifestsAsync()), TimeSpan.FromSeconds(3));
    }
}
