using SimpleActors.Node.Hosting;

namespace SimpleActors.Node.Tests.Hosting;

public class MemoryTrimTests
{
    private const long MiB = 1024 * 1024;
    private static readonly TimeSpan HalfMinute = TimeSpan.FromSeconds(30);

    [Theory]
    // committed, live heap, allocated in 30 s (MiB), GC ran in the interval -> action
    [InlineData(1400, 70, 10, true, MemoryTrimAction.Trim)]         // a quiet node holding a peak's memory
    [InlineData(1400, 70, 7000, true, MemoryTrimAction.Nothing)]    // the same under load (233 MiB/s): no full collection
    [InlineData(1400, 600, 10, false, MemoryTrimAction.Measure)]    // quiet, but the heap size is from before the quiet
    [InlineData(300, 70, 10, true, MemoryTrimAction.Nothing)]       // unused 230 MiB: not worth a full collection
    [InlineData(200, 70, 10, false, MemoryTrimAction.Nothing)]      // a small node is never even measured
    [InlineData(900, 600, 10, true, MemoryTrimAction.Nothing)]      // unused 300 MiB but less than the live heap: headroom
    [InlineData(1300, 600, 10, true, MemoryTrimAction.Trim)]        // unused 700 MiB, more than the live heap
    [InlineData(1400, 70, 239, true, MemoryTrimAction.Trim)]        // just under 8 MiB/s
    [InlineData(1400, 70, 241, true, MemoryTrimAction.Nothing)]     // just over
    public void A_quiet_node_with_much_unused_memory_is_measured_then_trimmed(long committedMiB, long heapMiB, long allocatedMiB, bool collected, MemoryTrimAction expected)
        => Assert.Equal(expected, MemoryTrim.Decide(committedMiB * MiB, heapMiB * MiB, allocatedMiB * MiB, HalfMinute, collected));

    [Fact]
    public void No_interval_means_no_decision()
        => Assert.Equal(MemoryTrimAction.Nothing, MemoryTrim.Decide(1400 * MiB, 70 * MiB, 0, TimeSpan.Zero, collectedDuringInterval: true));

    [Fact]
    public void Trimming_gives_back_the_memory_of_garbage()
    {
        var garbage = new List<byte[]>();
        for (var i = 0; i < 2000; i++)
        {
            garbage.Add(new byte[64 * 1024]); // 125 MiB
        }

        GC.KeepAlive(garbage);
        garbage.Clear();

        var (before, after, _) = MemoryTrimmer.TrimNow();

        Assert.True(after < before, $"committed {before >> 20} MiB before, {after >> 20} MiB after");
    }
}
