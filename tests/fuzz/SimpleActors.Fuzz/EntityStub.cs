using Akka.Actor;
using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Registration;
using SimpleActors.Engine.Subscription;

namespace SimpleActors.Fuzz;

/// <summary>
/// Stands in for the shard regions at the one boundary between the edge and the entities (the edge asks an
/// <see cref="IActorRef"/>, <c>EntityAsk</c>): it answers every command the transaction user sends at once, with a
/// success shaped by the command, so the fuzzer reaches the exchanges that turn an answer into a response.
/// </summary>
internal sealed class EntityStub : ReceiveActor
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public EntityStub()
    {
        Receive<Register>(r => Sender.Tell(new RegisterResult(
            200,
            null,
            r.RemoveAll ? [] : [.. r.Contacts.Select(c => new Binding(c.Uri, r.At + Hour, c.Q, c.SipInstance, c.RegId, r.Path, r.Flow, r.CallId, r.CSeq, r.At))],
            null,
            r.At)));
        Receive<GetBindings>(g => Sender.Tell(new CurrentBindings(g.Aor, [])));
        Receive<StoreMessage>(s => Sender.Tell(new MessageStored(s.Aor, s.MessageId)));
        Receive<GetPendingMessages>(g => Sender.Tell(new PendingMessages(g.Aor, [])));
        Receive<AcknowledgeDelivery>(a => Sender.Tell(new DeliveryAcknowledged(a.Aor, a.MessageId)));
        Receive<Publish>(p => Sender.Tell(new PublishResult(200, null, p.NewETag, Math.Min(p.HeaderExpires ?? 3600, 3600), null)));
        Receive<Subscribe>(s => Sender.Tell(new SubscribeResult(s.Initial ? 202 : 200, null, Math.Min(s.HeaderExpires ?? 3600, 3600), null)));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new EntityStub());
}
