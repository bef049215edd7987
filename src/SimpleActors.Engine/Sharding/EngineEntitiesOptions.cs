using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Registration;
using SimpleActors.Engine.Subscription;

namespace SimpleActors.Engine.Sharding;

/// <summary>How the engine's sharded entities run on a node.</summary>
public sealed class EngineEntitiesOptions
{
    /// <summary>The number of shards (<c>Cluster:ShardCount</c>), fixed for the life of the journal.</summary>
    public int ShardCount { get; set; } = 256;

    /// <summary>The cluster role that hosts the entities.</summary>
    public string Role { get; set; } = "core";

    /// <summary>The registrar's expiry limits.</summary>
    public RegistrarOptions Registrar { get; set; } = new();

    /// <summary>The expiry limits of presence publications.</summary>
    public PublicationOptions Publications { get; set; } = new();

    /// <summary>Expiry limits and the default authorization policy of subscriptions.</summary>
    public SubscriptionOptions Subscriptions { get; set; } = new();

    /// <summary>An entity snapshots its state after this many events.</summary>
    public int SnapshotEvery { get; set; } = 100;

    /// <summary>The clock entities read; the system clock unless a test replaces it.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;
}
