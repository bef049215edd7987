using Akka.Cluster.Sharding;

namespace SimpleActors.Engine.Sharding;

/// <summary>
/// Routes <typeparamref name="TMessage"/> by its canonical AOR to one of a fixed number of shards
/// (<see cref="ShardHash"/>): to the entity named by the AOR, or, for a region whose one entity per shard holds all of
/// the shard's AORs (<see cref="Registration.RegistrationShard"/>), to the entity named by the shard. Akka.NET itself
/// unwraps <c>ShardingEnvelope</c> and routes the <c>StartEntity</c> of remember-entities through
/// <see cref="ShardId(string, object?)"/>.
/// </summary>
public sealed class AorMessageExtractor<TMessage> : IMessageExtractor
    where TMessage : IWithAor
{
    private readonly bool entityPerShard;

    /// <param name="shardCount">The shards of the region.</param>
    /// <param name="entityPerShard">One entity per shard, named by the shard id, instead of one per AOR.</param>
    public AorMessageExtractor(int shardCount, bool entityPerShard = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ShardCount = shardCount;
        this.entityPerShard = entityPerShard;
    }

    public int ShardCount { get; }

    public string? EntityId(object message) => message switch
    {
        TMessage m when entityPerShard => ShardHash.ShardOf(m.Aor, ShardCount),
        TMessage m => m.Aor,
        _ => null,
    };

    public object? EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message) is { } entityId ? ShardId(entityId, message) : null;

    public string ShardId(string entityId, object? messageHint = null) =>
        entityPerShard ? entityId : ShardHash.ShardOf(entityId, ShardCount);
}
