using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace SimpleActors.Engine.Entities;

/// <summary>
/// The message queue of one entity: a deque (the persistent actor's stash puts messages back at the front) that holds
/// no storage while it is empty. Akka's default unbounded deque mailbox keeps a <c>ConcurrentQueue</c> segment of 32
/// slots and a prepend stack per actor, about 1 KB for every entity in memory, although an entity's queue is empty
/// almost all of its life; in a registration storm that kilobyte survives a collection for every new user. Here the
/// ring buffer is allocated when a message arrives (4 slots, doubling) and let go when the last one is taken.
/// One lock guards it: an entity's queue has few producers and one consumer at a time.
/// </summary>
public sealed class EntityMessageDeque : IMessageQueue, IUnboundedDequeBasedMessageQueueSemantics
{
    private const int FirstCapacity = 4;

    private readonly Lock gate = new();
    private Envelope[]? ring;
    private int head;
    private int count;

    public bool HasMessages => Volatile.Read(ref count) > 0;

    public int Count => Volatile.Read(ref count);

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        lock (gate)
        {
            var slots = Room();
            slots[(head + count) & (slots.Length - 1)] = envelope;
            Volatile.Write(ref count, count + 1);
        }
    }

    /// <summary>Puts a message back at the front (unstashing).</summary>
    public void EnqueueFirst(Envelope envelope)
    {
        lock (gate)
        {
            var slots = Room();
            head = (head - 1) & (slots.Length - 1);
            slots[head] = envelope;
            Volatile.Write(ref count, count + 1);
        }
    }

    public bool TryDequeue(out Envelope envelope)
    {
        lock (gate)
        {
            if (count == 0)
            {
                envelope = default;
                return false;
            }

            var slots = ring!;
            envelope = slots[head];
            if (count == 1)
            {
                ring = null; // empty again: hold nothing
                head = 0;
            }
            else
            {
                slots[head] = default;
                head = (head + 1) & (slots.Length - 1);
            }

            Volatile.Write(ref count, count - 1);
            return true;
        }
    }

    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        ArgumentNullException.ThrowIfNull(deadletters);
        while (TryDequeue(out var envelope))
        {
            deadletters.Enqueue(owner, envelope);
        }
    }

    /// <summary>The ring with room for one more message (called under the lock); its length is a power of two.</summary>
    private Envelope[] Room()
    {
        if (ring is null)
        {
            head = 0;
            return ring = new Envelope[FirstCapacity];
        }

        if (count < ring.Length)
        {
            return ring;
        }

        var larger = new Envelope[ring.Length * 2];
        for (var i = 0; i < count; i++)
        {
            larger[i] = ring[(head + i) & (ring.Length - 1)];
        }

        head = 0;
        return ring = larger;
    }
}
