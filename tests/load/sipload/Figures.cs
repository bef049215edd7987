using System.Diagnostics;
using System.Text.Json;

namespace SimpleActors.Load.SipLoad;

/// <summary>How the tools report: percentiles, this process's own CPU, and one JSON line per measurement.</summary>
public static class Figures
{
    /// <summary>The value at <paramref name="share"/> (0..1) of an ascending list, NaN when empty.</summary>
    public static double At(IReadOnlyList<double> sorted, double share)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * share))], 1);
    }

    /// <summary>A clock of this process's CPU: cores used since it was started (the load tool must not be the bottleneck).</summary>
    public sealed class ClientCpu
    {
        private readonly TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        private readonly long t0 = Stopwatch.GetTimestamp();

        public double Cores => Math.Round((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds / Stopwatch.GetElapsedTime(t0).TotalSeconds, 2);
    }

    /// <summary>Writes one measurement as a JSON line that starts with <c>@result</c> (the runner collects these).</summary>
    public static void Result(Dictionary<string, object?> figures) => Console.WriteLine("@result " + JsonSerializer.Serialize(figures));

    /// <summary>
    /// Tells the runner a phase is reached: a line <c>@phase NAME</c>, or <c>@wait NAME</c> when the tool then waits
    /// for the runner's go (any line on standard input; the runner measures the node's memory there, or waits for a
    /// quiet machine).
    /// </summary>
    public static void Phase(string name, bool wait)
    {
        Console.WriteLine(wait ? $"@wait {name}" : $"@phase {name}");
        if (wait)
        {
            Console.In.ReadLine();
        }
    }
}
