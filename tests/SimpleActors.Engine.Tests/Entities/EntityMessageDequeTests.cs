using Akka.Actor;
using SimpleActors.Engine.Entities;

namespace SimpleActors.Engine.Tests.Entities;

public sealed class EntityMessageDequeTests
{
    private static Envelope Message(int n) => new(n, ActorRefs.NoSender);

    private static List<int> Drain(EntityMessageDeque deque)
    {
        var taken = new List<int>();
        while (deque.TryDequeue(out var envelope))
        {
            taken.Add((int)envelope.Message);
        }

        return taken;
    }

    [Fact]
    public void Empty_queue_has_nothing_to_take()
    {
        var deque = new EntityMessageDeque();

        Assert.False(deque.HasMessages);
        Assert.Equal(0, deque.Count);
        Assert.False(deque.TryDequeue(out _));
    }

    [Fact]
    public void Messages_come_out_in_arrival_order_across_growth_and_wrap_around()
    {
        var deque = new EntityMessageDeque();
        var expected = new List<int>();
        var next = 0;
        // Interleave takes with puts so that the ring's head moves before it grows past its first four slots.
        for (var round = 0; round < 50; round++)
        {
            for (var i = 0; i < 3; i++)
            {
                deque.Enqueue(ActorRefs.Nobody, Message(next));
                expected.Add(next++);
            }

            Assert.True(deque.TryDequeue(out var first));
            Assert.Equal(expected[0], (int)first.Message);
            expected.RemoveAt(0);
        }

        Assert.Equal(expected.Count, deque.Count);
        Assert.Equal(expected, Drain(deque));
        Assert.False(deque.HasMessages);
    }

    [Fact]
    public void Enqueue_first_puts_back_at_the_front_in_the_order_unstashing_gives()
    {
        var deque = new EntityMessageDeque();
        deque.Enqueue(ActorRefs.Nobody, Message(3));
        deque.Enqueue(ActorRefs.Nobody, Message(4));

        // A stash returns its messages last first, each to the front: 2 then 1.
        deque.EnqueueFirst(Message(2));
        deque.EnqueueFirst(Message(1));
        deque.Enqueue(ActorRefs.Nobody, Message(5));

        Assert.Equal([1, 2, 3, 4, 5], Drain(deque));
    }

    [Fact]
    public void Enqueue_first_on_an_empty_queue_and_after_growth()
    {
        var deque = new EntityMessageDeque();
        deque.EnqueueFirst(Message(9));
        Assert.Equal([9], Drain(deque));

        for (var i = 10; i < 30; i++)
        {
            deque.Enqueue(ActorRefs.Nobody, Message(i));
        }

        deque.EnqueueFirst(Message(8));
        Assert.Equal([8, .. Enumerable.Range(10, 20)], Drain(deque));
    }

    [Fact]
    public void Clean_up_hands_what_is_left_to_dead_letters_in_order()
    {
        var deque = new EntityMessageDeque();
        var dead = new EntityMessageDeque();
        deque.Enqueue(ActorRefs.Nobody, Message(1));
        deque.Enqueue(ActorRefs.Nobody, Message(2));

        deque.CleanUp(ActorRefs.Nobody, dead);

        Assert.False(deque.HasMessages);
        Assert.Equal([1, 2], Drain(dead));
    }

    [Fact]
    public void Many_producers_and_one_consumer_lose_and_reorder_nothing()
    {
        var deque = new EntityMessageDeque();
        const int producers = 4;
        const int each = 20_000;
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            for (var i = 0; i < each; i++)
            {
                deque.Enqueue(ActorRefs.Nobody, Message((p * each) + i));
            }
        })).ToList();
        threads.ForEach(t => t.Start());

        var last = Enumerable.Repeat(-1, producers).ToArray();
        var taken = 0;
        while (taken < producers * each)
        {
            if (!deque.TryDequeue(out var envelope))
            {
                Thread.Yield();
                continue;
            }

            var n = (int)envelope.Message;
            var producer = n / each;
            Assert.True(n > last[producer], $"message {n} after {last[producer]} from the same producer");
            last[producer] = n;
            taken++;
        }

        threads.ForEach(t => t.Join());
        Assert.Equal(producers * each, taken);
        Assert.False(deque.HasMessages);
    }
}
