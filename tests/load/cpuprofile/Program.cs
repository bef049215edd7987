// cpuprofile TRACE [--top N] [--frames a,b,c]: exclusive and inclusive CPU shares from a cpu-sampling trace.
// cpuprofile TRACE --alloc [--top N]: bytes allocated by type and by allocating method, from the allocation ticks of a
// trace taken with `dotnet-trace collect --profile gc-verbose`.
// cpuprofile TRACE --jit [--top N]: the methods compiled while the trace ran, by tier (a trace taken with
// `dotnet-trace collect --clrevents jit --clreventlevel verbose`).
// SimpleActors load suite; written for this project.
using Microsoft.Diagnostics.Tracing.Etlx;

var path = args.Length > 0 ? args[0] : throw new ArgumentException("usage: cpuprofile TRACE [--top N] [--frames a,b,...]");
var top = 40;
string[] frames = [];
string? callersOf = null;
for (var i = 1; i < args.Length - 1; i++)
{
    if (args[i] == "--top") { top = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); }
    if (args[i] == "--frames") { frames = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries); }
    if (args[i] == "--callers") { callersOf = args[i + 1]; }
}

using var log = TraceLog.OpenOrConvert(TraceLog.CreateFromEventPipeDataFile(path));
if (args.Contains("--jit"))
{
    Compiled(log, top);
    return;
}

if (args.Contains("--alloc"))
{
    Allocations(log, top);
    return;
}

var exclusive = new Dictionary<string, int>(StringComparer.Ordinal);
var inclusive = new int[frames.Length];
var callers = new Dictionary<string, int>(StringComparer.Ordinal);
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
    if (callersOf is not null && leaf.Contains(callersOf, StringComparison.Ordinal))
    {
        // The nearest frames with a method name: who made the runtime or the JIT work.
        var named = new List<string>();
        for (var s = stack.Caller; s is not null && named.Count < 3; s = s.Caller)
        {
            if (s.CodeAddress.FullMethodName.Length > 0)
            {
                named.Add(Name(s.CodeAddress));
            }
        }

        var key = string.Join(" <- ", named);
        callers[key] = callers.GetValueOrDefault(key) + 1;
    }

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

if (callersOf is not null)
{
    Console.WriteLine();
    foreach (var (name, count) in callers.OrderByDescending(p => p.Value).Take(top))
    {
        Console.WriteLine($"{100.0 * count / total,6:0.00} %  {name}");
    }
}

static string Name(TraceCodeAddress address) =>
    $"{address.ModuleName}!{address.FullMethodName}";

static void Allocations(TraceLog log, int top)
{
    var byType = new Dictionary<string, long>(StringComparer.Ordinal);
    var bySite = new Dictionary<string, long>(StringComparer.Ordinal);
    long total = 0;
    foreach (var e in log.Events)
    {
        if (e is not Microsoft.Diagnostics.Tracing.Parsers.Clr.GCAllocationTickTraceData tick)
        {
            continue;
        }

        total += tick.AllocationAmount64;
        byType[tick.TypeName] = byType.GetValueOrDefault(tick.TypeName) + tick.AllocationAmount64;
        var named = new List<string>();
        for (var s = e.CallStack(); s is not null && named.Count < 3; s = s.Caller)
        {
            if (s.CodeAddress.FullMethodName.Length > 0)
            {
                named.Add(s.CodeAddress.FullMethodName);
            }
        }

        var site = tick.TypeName + " @ " + string.Join(" <- ", named);
        bySite[site] = bySite.GetValueOrDefault(site) + tick.AllocationAmount64;
    }

    Console.WriteLine($"{total / 1048576.0:0} MiB sampled");
    foreach (var (name, bytes) in byType.OrderByDescending(p => p.Value).Take(top))
    {
        Console.WriteLine($"{100.0 * bytes / total,6:0.00} %  {name}");
    }

    Console.WriteLine();
    foreach (var (name, bytes) in bySite.OrderByDescending(p => p.Value).Take(top))
    {
        Console.WriteLine($"{100.0 * bytes / total,6:0.00} %  {name}");
    }
}

static void Compiled(TraceLog log, int top)
{
    var methods = new Dictionary<string, int>(StringComparer.Ordinal);
    var tiers = new Dictionary<string, int>(StringComparer.Ordinal);
    foreach (var e in log.Events)
    {
        if (e is Microsoft.Diagnostics.Tracing.Parsers.Clr.MethodLoadUnloadVerboseTraceData load && e.EventName.Contains("Load", StringComparison.Ordinal))
        {
            var tier = load.OptimizationTier.ToString();
            tiers[tier] = tiers.GetValueOrDefault(tier) + 1;
            var name = $"{tier} {load.MethodNamespace}::{load.MethodName}";
            methods[name] = methods.GetValueOrDefault(name) + 1;
        }
    }

    foreach (var (tier, count) in tiers.OrderByDescending(p => p.Value))
    {
        Console.WriteLine($"{count,8}  {tier}");
    }

    Console.WriteLine();
    foreach (var (name, count) in methods.OrderByDescending(p => p.Value).Take(top))
    {
        Console.WriteLine($"{count,8}  {name}");
    }
}
