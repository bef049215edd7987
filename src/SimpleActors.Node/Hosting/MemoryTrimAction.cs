namespace SimpleActors.Node.Hosting;

/// <summary>What <see cref="MemoryTrim.Decide"/> asks for.</summary>
public enum MemoryTrimAction
{
    Nothing,

    /// <summary>A background (non-blocking) full collection, to learn the size of the live heap.</summary>
    Measure,

    /// <summary>An aggressive blocking full collection, which returns the free memory to the system.</summary>
    Trim,
}
