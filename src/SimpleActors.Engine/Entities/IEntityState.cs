namespace SimpleActors.Engine.Entities;

/// <summary>The immutable state of an event-sourced entity: events applied one by one, and what its lifecycle needs.</summary>
/// <typeparam name="TSelf">The state record.</typeparam>
/// <typeparam name="TEvent">The entity's event marker.</typeparam>
public interface IEntityState<TSelf, in TEvent>
    where TSelf : IEntityState<TSelf, TEvent>
{
    /// <summary>The state after <paramref name="change"/>; the same function serves live entities, recovery and replay.</summary>
    TSelf Apply(TEvent change);

    /// <summary>Nothing live is held: the entity passivates itself (and leaves the remembered set).</summary>
    bool IsEmpty { get; }

    /// <summary>The earliest absolute time something held expires, or null.</summary>
    DateTimeOffset? NextExpiry { get; }
}
