using System.Diagnostics.Metrics;
using Akka.Actor;
using SimpleActors.Engine.Entities;

namespace SimpleActors.Engine.Mailbox;

/// <summary>
/// The Mailbox entity of one address of record: pager messages kept for an offline user until they
/// are acknowledged or expire. Replies follow the journal write; one timer for the next expiry;
/// passivates when empty (<see cref="EventSourcedEntity{TState,TEvent}"/>).
/// </summary>
public sealed class MailboxActor : EventSourcedEntity<MailboxState, IMailboxEvent>
{
    /// <summary>The prefix of every Mailbox persistence id.</summary>
    public const string PersistenceIdPrefix = "mailbox|";

    public MailboxActor(string aor, TimeProvider clock, int snapshotEvery)
        : base(PersistenceIdPrefix + aor, MailboxState.Empty(aor), clock, snapshotEvery)
    {
    }

    public static Props Props(string aor, TimeProvider? clock = null, int snapshotEvery = 100) =>
        EntityProps.Of(() => new MailboxActor(aor, clock ?? TimeProvider.System, snapshotEvery));

    protected override UpDownCounter<long> LiveGauge => EngineMetrics.StoredMessages;

    /// <summary>Each stored message counts, until delivered or expired.</summary>
    protected override long LiveCount(MailboxState state) => state.Messages.Count;

    protected override bool OnEntityCommand(object message)
    {
        if (message is not IMailboxMessage command)
        {
            return false;
        }

        var (events, reply) = MailboxDecision.Decide(State, command, Clock.GetUtcNow());
        var sender = Sender;
        PersistThen(events, () => sender.Tell(reply));
        return true;
    }

    protected override IReadOnlyList<IMailboxEvent> Expire(MailboxState state, DateTimeOffset now) => MailboxDecision.Expire(state, now);
}
