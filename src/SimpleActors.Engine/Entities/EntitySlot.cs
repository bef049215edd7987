using Akka.Actor;

namespace SimpleActors.Engine.Entities;

/// <summary>
/// One entity held by an <see cref="EntityShard{TState,TEvent,TSlot}"/>: its state, where its event stream stands, what
/// waits for it and the write under way. A kind of entity derives from it to keep what it holds in memory only (a
/// presentity's wake-up times and composed document).
/// </summary>
/// <typeparam name="TState">The entity's state record.</typeparam>
public class EntitySlot<TState>
    where TState : class
{
    /// <summary>The entity's id (an AOR): its stream is the shard's prefix and this.</summary>
    public string Id { get; internal set; } = string.Empty;

    /// <summary>The state as of the last committed write.</summary>
    public TState State { get; internal set; } = null!;

    /// <summary>Recovered from the journal: commands may be handled.</summary>
    public bool Ready { get; internal set; }

    /// <summary>A write is under way: the next command waits for it.</summary>
    public bool Writing { get; internal set; }

    /// <summary>Events since the entity's last snapshot.</summary>
    public int SinceSnapshot { get; internal set; }

    internal long SequenceNr { get; set; }

    internal int Pending { get; set; }

    internal TState? Next { get; set; }

    internal int NewEvents { get; set; }

    internal IActorRef? Requester { get; set; }

    internal Action? Committed { get; set; }

    internal Exception? Failed { get; set; }

    /// <summary>The time of the entity's entry in the shard's due queue, if it has one.</summary>
    internal DateTimeOffset? QueuedDue { get; set; }

    internal Queue<(object Message, IActorRef Sender)>? Waiting { get; set; }
}
