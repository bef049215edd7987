using Akka.Cluster.Sharding;

namespace SimpleActors.Engine.Sharding;

/// <summary>
/// Routes <typeparamref name="TMessage"/> to the one entity of its AOR's shard (<see cref="ShardHash"/>): the entity id
/// is the shard id, for a region whose entity hosts every AOR of a shard (<see cref="Registration.RegistrationShard"/>).
/// </summary>
public sealed class AorShardExtractor<TMessage> : IMessageExtractor
    where TMessage : IWithAor
{
    public AorShardExtractor(int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ShardCount = shardCount;
    }

    public int ShardCount { get; }

    public string? EntityId(object message) => message is TMessage m ? ShardHash.ShardOf(m.Aor, ShardCount) : null;

    public object? EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message);

    public string ShardId(string entityId, object? messageHint = null) => entityId;
}
