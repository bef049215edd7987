using System.Runtime.CompilerServices;

namespace SimpleActors.Engine.Tests;

/// <summary>
/// The TestKit's ExpectMsg and Ask(...).Result-style waits block pool threads, and xunit runs the test classes in
/// parallel: on a two-core machine the pool starts with two threads and adds about one per second, so the actors
/// under test (journal writer included) starve for tens of seconds. Starting with enough threads removes the stall.
/// </summary>
internal static class ThreadPoolWarmUp
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
