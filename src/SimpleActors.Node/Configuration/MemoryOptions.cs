namespace SimpleActors.Node.Configuration;

/// <summary>
/// The <c>Memory</c> section: giving back to the system the memory the garbage collector grew to under a load
/// peak once the node is quiet again (<see cref="Hosting.MemoryTrimmer"/>).
/// </summary>
public sealed class MemoryOptions
{
    /// <summary>Trim when quiet. Off, the process keeps the memory of its busiest moment until it exits.</summary>
    public bool TrimWhenIdle { get; set; } = true;

    /// <summary>How often the node looks at its allocation rate and its unused memory.</summary>
    public TimeSpan TrimCheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
