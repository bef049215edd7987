namespace SimpleActors.Node.Hosting;

/// <summary>
/// When to give the garbage collector's unused memory back to the system: a pure decision over what the runtime
/// reports. The server GC keeps the memory it grew to at a load peak (hundreds of MB at thousands of requests a
/// second) after the load falls, because it only decommits while it collects, and a quiet node hardly collects.
/// Trimming costs one blocking full collection, so it is done only when the node is quiet and the unused part is
/// large: the same idea as the JVM's periodic collection when idle (JEP 346).
/// </summary>
public static class MemoryTrim
{
    /// <summary>Unused committed memory below this is not worth a full collection.</summary>
    public const long MinUnusedBytes = 256L * 1024 * 1024;

    /// <summary>Allocating less than this per second counts as quiet (a busy node allocates hundreds of MB/s).</summary>
    public const long QuietBytesPerSecond = 8L * 1024 * 1024;

    /// <summary>
    /// What to do after an interval. Nothing while the node is busy or small. A quiet node whose GC has not run during
    /// the interval knows its live heap only as it was at its last collection (at the peak, perhaps), so it first
    /// measures it with a background collection (<see cref="MemoryTrimAction.Measure"/>). With a fresh measurement it
    /// trims when the memory the GC holds beyond the live heap is at least <see cref="MinUnusedBytes"/> and at least the
    /// live heap itself.
    /// </summary>
    /// <param name="committedBytes">Memory the GC has committed (<c>GCMemoryInfo.TotalCommittedBytes</c>).</param>
    /// <param name="liveBytes">
    /// The live heap at the last collection: <c>GCMemoryInfo.HeapSizeBytes</c> less <c>FragmentedBytes</c>, the free
    /// space a background (sweeping, not compacting) collection leaves inside the heap.
    /// </param>
    /// <param name="allocatedBytes">Bytes allocated during the interval.</param>
    /// <param name="interval">The interval.</param>
    /// <param name="collectedDuringInterval">Whether the GC ran during the interval.</param>
    public static MemoryTrimAction Decide(long committedBytes, long liveBytes, long allocatedBytes, TimeSpan interval, bool collectedDuringInterval)
    {
        if (interval <= TimeSpan.Zero || allocatedBytes / interval.TotalSeconds >= QuietBytesPerSecond || committedBytes < MinUnusedBytes)
        {
            return MemoryTrimAction.Nothing;
        }

        if (!collectedDuringInterval)
        {
            return MemoryTrimAction.Measure;
        }

        var unused = committedBytes - liveBytes;
        return unused >= MinUnusedBytes && unused >= liveBytes ? MemoryTrimAction.Trim : MemoryTrimAction.Nothing;
    }
}
