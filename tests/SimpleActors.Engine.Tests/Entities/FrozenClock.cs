namespace SimpleActors.Engine.Tests.Entities;

/// <summary>A clock that never moves: an entity on it never sees its bindings or messages expire.</summary>
internal sealed class FrozenClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
