namespace SimpleActors.Engine.Sharding;

/// <summary>
/// The message a passivating or handed-off entity receives from its shard. Unlike a PoisonPill it
/// waits behind pending journal writes, so a persisted change always gets its reply.
/// </summary>
public sealed class StopEntity
{
    public static readonly StopEntity Instance = new();

    private StopEntity()
    {
    }
}
