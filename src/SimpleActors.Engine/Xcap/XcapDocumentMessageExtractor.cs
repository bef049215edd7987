using Akka.Cluster.Sharding;
using SimpleActors.Engine.Sharding;

namespace SimpleActors.Engine.Xcap;

/// <summary>Routes <see cref="IXcapDocumentMessage"/>s to the entity named by their document selector, in the fixed shards of <see cref="ShardHash"/>.</summary>
public sealed class XcapDocumentMessageExtractor(int shardCount) : IMessageExtractor
{
    public string? EntityId(object message) => (message as IXcapDocumentMessage)?.Selector;

    public object? EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message) is { } id ? ShardId(id, message) : null;

    public string ShardId(string entityId, object? messageHint = null) => ShardHash.ShardOf(entityId, shardCount);
}
