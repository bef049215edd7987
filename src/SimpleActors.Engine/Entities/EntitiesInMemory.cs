namespace SimpleActors.Engine.Entities;

/// <summary>
/// Asks an <see cref="EntityShard{TState,TEvent,TSlot}"/> which of its entities it holds in memory now (for tests and
/// diagnostics on the shard's own node; not sent between nodes). The answer is <see cref="EntitiesInMemory"/>.
/// </summary>
public sealed class GetEntitiesInMemory
{
    public static readonly GetEntitiesInMemory Instance = new();

    private GetEntitiesInMemory()
    {
    }
}

/// <summary>The ids of the entities a shard holds in memory (recovering, live, lingering or writing).</summary>
public sealed record EntitiesInMemory(IReadOnlyList<string> Ids);
