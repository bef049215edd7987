using Akka.Actor;

namespace SimpleActors.Edge;

/// <summary>
/// How the edge asks an entity, and how much asking it takes on at once.
/// <list type="bullet">
/// <item>The command is sent again once when the first answer does not come in time. Cluster sharding delivers at most
/// once, and a message buffered for a shard at the moment the shard hands off to another node is dropped (Akka keeps the
/// order that way); the second send reaches the shard at its new home. Every command the edge sends is idempotent for
/// this (the entities recognise a command they have already applied by its Call-ID and CSeq when the command is marked
/// as a repeat, by its new entity-tag, or by its message id, and answer as they did), so the repeat is safe.</item>
/// <item>The sender of each command is a <see cref="ReplyRef"/>, which lets go of the answer once it has come (an entity
/// keeps the sender of its last message).</item>
/// <item>No answer after both waits, or more asks under way than the node takes on (<see cref="SipOverloadOptions"/>):
/// <see cref="EntityUnavailableException"/>, which the edge answers 503 with Retry-After (RFC 3261 section 21.5.4) well
/// inside the client's Timer F, rather than queueing an ask that would time out after the client gave up.</item>
/// </list>
/// </summary>
public sealed class EntityAsk
{
    private readonly TimeSpan[] waits;
    private readonly int maxPending;
    private int pending;

    /// <param name="maxPending">The most asks under way at once; the next one is refused at once.</param>
    /// <param name="firstWait">The first wait; the second is a third longer: 7 s in all by default, well inside Timer F (32 s).</param>
    public EntityAsk(int maxPending, TimeSpan? firstWait = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPending, 1);
        var first = firstWait ?? TimeSpan.FromSeconds(3);
        waits = [first, first + first / 3];
        this.maxPending = maxPending;
    }

    /// <summary>Asks under way now.</summary>
    public int Pending => Volatile.Read(ref pending);

    /// <param name="entities">The shard region.</param>
    /// <param name="command">The command.</param>
    /// <param name="repeat">What to send the second time, when it differs (a command marked as a repeat).</param>
    /// <exception cref="EntityUnavailableException">Refused for overload, or no answer in time.</exception>
    public async Task<T> AskAsync<T>(IActorRef entities, object command, object? repeat = null)
    {
        ArgumentNullException.ThrowIfNull(entities);
        if (Interlocked.Increment(ref pending) > maxPending)
        {
            Interlocked.Decrement(ref pending);
            EdgeMetrics.Overloaded(EdgeMetrics.OverloadShed);
            throw new EntityUnavailableException(shed: true);
        }

        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var (reply, answered) = ReplyRef.Register(((IInternalActorRef)entities).Provider);
                try
                {
                    entities.Tell(attempt == 0 ? command : repeat ?? command, reply);
                    return await answered.WaitAsync(waits[attempt]).ConfigureAwait(false) switch
                    {
                        T answer => answer,
                        Status.Failure failure => throw failure.Cause,
                        var other => throw new InvalidOperationException($"Asked for {typeof(T).Name}, answered {other.GetType().Name}"),
                    };
                }
                catch (TimeoutException) when (attempt < waits.Length - 1)
                {
                    // Lost in a hand-off, or slow: once more.
                }
                catch (TimeoutException e)
                {
                    EdgeMetrics.Overloaded(EdgeMetrics.OverloadTimeout);
                    throw new EntityUnavailableException(shed: false, e);
                }
                finally
                {
                    reply.Release();
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref pending);
        }
    }
}
