using SimpleActors.Engine.Mailbox;
using static SimpleActors.Engine.Tests.Entities.Samples;

namespace SimpleActors.Engine.Tests.Mailbox;

public class MailboxDecisionTests
{
    private static StoreMessage Store(string id, DateTimeOffset expiresAt) =>
        new(Aor, id, "sip:bob@example.com", Aor, "text/plain", [1], "call-" + id, 1, "bob", Now, expiresAt);

    private static MailboxState With(params StoreMessage[] stores) =>
        stores.Aggregate(MailboxState.Empty(Aor), (s, m) => MailboxDecision.Decide(s, m, Now).Events.Aggregate(s, (x, e) => x.Apply(e)));

    [Fact]
    public void Storing_a_known_message_id_again_changes_nothing()
    {
        var state = With(Store("m1", Now.AddHours(1)));

        var (events, reply) = MailboxDecision.Decide(state, Store("m1", Now.AddHours(1)), Now);

        Assert.Empty(events);
        Assert.Equal(new MessageStored(Aor, "m1"), reply);
    }

    [Fact]
    public void Pending_leaves_out_messages_past_their_expiry()
    {
        var state = With(Store("old", Now.AddSeconds(10)), Store("new", Now.AddHours(1)));

        var (_, reply) = MailboxDecision.Decide(state, new GetPendingMessages(Aor), Now.AddSeconds(10));

        Assert.Equal(["new"], ((PendingMessages)reply).Messages.Select(m => m.MessageId));
    }

    [Fact]
    public void Acknowledging_an_unknown_message_is_answered_without_an_event()
    {
        var (events, reply) = MailboxDecision.Decide(MailboxState.Empty(Aor), new AcknowledgeDelivery(Aor, "nope", Now), Now);

        Assert.Empty(events);
        Assert.Equal(new DeliveryAcknowledged(Aor, "nope"), reply);
    }

    [Fact]
    public void Expire_names_exactly_the_messages_due()
    {
        var state = With(Store("a", Now.AddSeconds(5)), Store("b", Now.AddSeconds(50)));

        var events = MailboxDecision.Expire(state, Now.AddSeconds(5));

        Assert.Equal("a", Assert.IsType<MessageExpired>(Assert.Single(events)).MessageId);
    }
}
