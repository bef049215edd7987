using Akka.Actor;

namespace SimpleActors.Edge;

/// <summary>
/// How the edge asks an entity: the command is sent again once when the first answer does not come in time. Cluster
/// sharding delivers at most once, and a message buffered for a shard at the moment the shard hands off to another node
/// is dropped (Akka keeps the order that way); the second send reaches the shard at its new home. Every command the
/// edge sends is idempotent for this (the entities recognise a command they have already applied by its Call-ID and
/// CSeq when the command is marked as a repeat, by its new entity-tag, or by its message id, and answer as they did), so
/// the repeat is safe.
/// </summary>
public static class EntityAsk
{
    /// <summary>The first wait, then the second: 10 s in all, well inside the client's Timer F (32 s).</summary>
    private static readonly TimeSpan[] Waits = [TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6)];

    /// <param name="entities">The shard region.</param>
    /// <param name="command">The command.</param>
    /// <param name="repeat">What to send the second time, when it differs (a command marked as a repeat).</param>
    public static async Task<T> AskAsync<T>(IActorRef entities, object command, object? repeat = null)
    {
        ArgumentNullException.ThrowIfNull(entities);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await entities.Ask<T>(attempt == 0 ? command : repeat ?? command, Waits[attempt]).ConfigureAwait(false);
            }
            catch (AskTimeoutException) when (attempt < Waits.Length - 1)
            {
                // Lost in a hand-off, or slow: once more.
            }
        }
    }
}
