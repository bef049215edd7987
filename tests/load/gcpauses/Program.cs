// The pauses of a server's garbage collections, from a trace taken with
// `dotnet-trace collect -p PID --profile gc-collect`: per collection its generation, the pause (threads suspended
// until they run again) and the bytes it promoted; then per generation the count, total, median and worst pause.
// Usage: gcpauses <trace.nettrace> [--each]
using System.Globalization;
using Microsoft.Diagnostics.Tracing;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: gcpauses <trace.nettrace> [--each]");
    return 2;
}

var each = args.Contains("--each");
using var source = new EventPipeEventSource(args[0]);
var collections = new List<Collection>();
double suspendedAt = 0;
var generation = -1;
double promoted = 0;
source.Clr.GCSuspendEEStart += e => suspendedAt = e.TimeStampRelativeMSec;
source.Clr.GCStart += e => generation = e.Depth;
source.Clr.GCHeapStats += e => promoted = e.TotalPromotedSize0 + e.TotalPromotedSize1 + e.TotalPromotedSize2;
source.Clr.GCRestartEEStop += e =>
{
    collections.Add(new Collection(generation, e.TimeStampRelativeMSec - suspendedAt, promoted));
    promoted = 0;
};
source.Process();

var inv = CultureInfo.InvariantCulture;
if (each)
{
    foreach (var c in collections)
    {
        Console.WriteLine(string.Create(inv, $"gen{c.Generation} pause {c.PauseMs:F1} ms, promoted {c.PromotedBytes / 1048576:F1} MiB"));
    }
}

foreach (var group in collections.GroupBy(c => c.Generation).OrderBy(g => g.Key))
{
    var pauses = group.Select(c => c.PauseMs).Order().ToArray();
    var promotedMiB = group.Average(c => c.PromotedBytes) / 1048576;
    Console.WriteLine(string.Create(inv,
        $"gen{group.Key}: {pauses.Length} collections, {pauses.Sum():F0} ms paused, median {pauses[pauses.Length / 2]:F1} ms, worst {pauses[^1]:F1} ms, {promotedMiB:F1} MiB promoted on average"));
}

return 0;

internal sealed record Collection(int Generation, double PauseMs, double PromotedBytes);
