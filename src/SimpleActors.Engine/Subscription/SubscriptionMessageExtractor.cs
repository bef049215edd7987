using Akka.Cluster.Sharding;
using SimpleActors.Engine.Sharding;

namespace SimpleActors.Engine.Subscription;

/// <summary>
/// Routes <see cref="ISubscriptionMessage"/>s by subscription id, in the fixed shards of <see cref="ShardHash"/>: to the
/// entity named by the id, or, for a region whose one entity per shard holds all of the shard's subscriptions
/// (<see cref="SubscriptionShard"/>), to the entity named by the shard.
/// </summary>
public sealed class SubscriptionMessageExtractor(int shardCount, bool entityPerShard = false) : IMessageExtractor
{
    public string? EntityId(object message) => message switch
    {
        ISubscriptionMessage m when entityPerShard => ShardHash.ShardOf(m.SubscriptionId, shardCount),
        ISubscriptionMessage m => m.SubscriptionId,
        _ => null,
    };

    public object? EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message) is { } id ? ShardId(id, message) : null;

    public string ShardId(string entityId, object? messageHint = null) => entityPerShard ? entityId : ShardHash.ShardOf(entityId, shardCount);
}
