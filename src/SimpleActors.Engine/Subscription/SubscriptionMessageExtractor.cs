using Akka.Cluster.Sharding;
using SimpleActors.Engine.Sharding;

namespace SimpleActors.Engine.Subscription;

/// <summary>Routes <see cref="ISubscriptionMessage"/>s by subscription id, in the fixed shards of <see cref="ShardHash"/>.</summary>
public sealed class SubscriptionMessageExtractor(int shardCount) : IMessageExtractor
{
    public string? EntityId(object message) => message is ISubscriptionMessage m ? m.SubscriptionId : null;

    public object? EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message) is { } id ? ShardId(id, message) : null;

    public string ShardId(string entityId, object? messageHint = null) => ShardHash.ShardOf(entityId, shardCount);
}
