using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SimpleActors.Node.Configuration;

namespace SimpleActors.Node.Hosting;

/// <summary>
/// Every <see cref="MemoryOptions.TrimCheckInterval"/>, asks <see cref="MemoryTrim.Decide"/>: on a quiet node it
/// measures the live heap with a background collection, and when much of the GC's memory is unused it runs one
/// aggressive full collection, which returns the free memory to the system (<see cref="GCCollectionMode.Aggressive"/>),
/// and logs what it gave back.
/// </summary>
public sealed partial class MemoryTrimmer(IOptions<SimpleActorsOptions> options, ILogger<MemoryTrimmer> logger) : BackgroundService
{
    private readonly MemoryOptions memory = options.Value.Memory;

    /// <summary>One aggressive full collection; returns the committed bytes before and after, and its duration.</summary>
    public static (long CommittedBefore, long CommittedAfter, TimeSpan Took) TrimNow()
    {
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var clock = Stopwatch.StartNew();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return (before, GC.GetGCMemoryInfo().TotalCommittedBytes, clock.Elapsed);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!memory.TrimWhenIdle || memory.TrimCheckInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(memory.TrimCheckInterval);
        var allocated = GC.GetTotalAllocatedBytes();
        var collections = CollectionCount();
        var lastCheck = Stopwatch.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var info = GC.GetGCMemoryInfo();
                var allocatedNow = GC.GetTotalAllocatedBytes() - allocated;
                var live = info.HeapSizeBytes - info.FragmentedBytes;
                var action = MemoryTrim.Decide(info.TotalCommittedBytes, live, allocatedNow,
                    Stopwatch.GetElapsedTime(lastCheck), CollectionCount() != collections);
                LogChecked(info.TotalCommittedBytes >> 20, live >> 20, allocatedNow >> 20, action);
                allocated = GC.GetTotalAllocatedBytes();
                collections = CollectionCount(); // before acting: a collection started now counts for the next interval
                lastCheck = Stopwatch.GetTimestamp();
                if (action == MemoryTrimAction.Measure)
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false);
                }
                else if (action == MemoryTrimAction.Trim)
                {
                    var (before, after, took) = TrimNow();
                    var heap = GC.GetGCMemoryInfo().HeapSizeBytes;
                    LogTrimmed(before >> 20, after >> 20, heap >> 20, (long)took.TotalMilliseconds);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>Collections so far; a background collection counts in generation 2 only.</summary>
    private static int CollectionCount() => GC.CollectionCount(0) + GC.CollectionCount(2);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Memory check: committed {CommittedMiB} MiB, live heap {LiveMiB} MiB, allocated {AllocatedMiB} MiB since the last check: {Action}")]
    private partial void LogChecked(long committedMiB, long liveMiB, long allocatedMiB, MemoryTrimAction action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Quiet node: returned unused GC memory to the system, committed {BeforeMiB} -> {AfterMiB} MiB (live heap {HeapMiB} MiB), {PauseMs} ms")]
    private partial void LogTrimmed(long beforeMiB, long afterMiB, long heapMiB, long pauseMs);
}
