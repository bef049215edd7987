using Akka.Cluster.Sharding;

namespace SimpleActors.Engine.Sharding;

/// <summary>
/// Routes <typeparamref name="TMessage"/> to the entity named by its canonical AOR, in one of a fixed
/// number of shards (<see cref="ShardHash"/>). Akka.NET itself unwraps <c>ShardingEnvelope</c> and routes
/// the <c>StartEntity</c> of remember-entities through <see cref="ShardId(string, object?)"/>.
/// </summary>
public sealed class AorMessageExtractor<TMessage> : IMessageExtractor
    where TMessage : IWithAor
{
    public AorMessageExtractor(int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ShardCount = shardCount;
    }

    public int ShardCount { get; }

    public string? EntityId(object message) => message switch
    {
        TMessage m => m.Aor,
        _ => null,
    };

    public object? EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message) is { } entityId ? ShardId(entityId, message) : null;

    public string ShardId(string entityId, object? messageHint = null) => ShardHash.ShardOf(entityId, ShardCount);
}
