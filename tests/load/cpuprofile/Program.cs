// cpuprofile TRACE [--top N] [--frames a,b,c]: exclusive and inclusive CPU shares from a cpu-sampling trace.
// SimpleActors load suite; written for this project.
using Microsoft.Diagnostics.Tracing.Etlx;

var path = args.Length > 0 ? args[0] : throw new ArgumentException("usage: cpuprofile TRACE [--top N] [--frames a,b,...]");
var top = 40;
string[] frames = [];
for (var i = 1; i < args.Length - 1; i++)
{
    if (args[i] == "--top") { top = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); }
    if (args[i] == "--frames") { frames = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries); }
}

using var log = TraceLog.OpenOrConvert(TraceLog.CreateFromEventPipeDataFile(path));
var exclusive = new Dictionary<string, int>(StringComparer.Ordinal);
var inclusive = new int[frames.Length];
var total = 0;
foreach (var e in log.Events)
{
    var stack = e.CallStack();
    if (stack is null)
    {
        continue;
    }

    total++;
    var leaf = Name(stack.CodeAddress);
    exclusive[leaf] = exclusive.GetValueOrDefault(leaf) + 1;
    var seen = new bool[frames.Length];
    for (var s = stack; s is not null; s = s.Caller)
    {
        var name = Name(s.CodeAddress);
        for (var f = 0; f < frames.Length; f++)
        {
            if (!seen[f] && name.Contains(frames[f], StringComparison.Ordinal))
            {
                seen[f] = true;
                inclusive[f]++;
            }
        }
    }
}

Console.WriteLine($"{total} samples");
foreach (var (name, count) in exclusive.OrderByDescending(p => p.Value).Take(top))
{
    Console.WriteLine($"{100.0 * count / total,6:0.00} %  {name}");
}

Console.WriteLine();
for (var f = 0; f < frames.Length; f++)
{
    Console.WriteLine($"{100.0 * inclusive[f] / total,6:0.00} %  incl. {frames[f]}");
}

static string Name(TraceCodeAddress address) =>
    $"{address.ModuleName}!{address.FullMethodName}";
