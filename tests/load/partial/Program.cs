// Partial against full presence notification (RFC 5263) and publication (RFC 5264) under load. One presentity,
// sip:partial@example.com, with ten devices (ten publications, tuples d0..d9 each with a note); N UDP watchers
// (distinct From users over a few sockets) subscribe with Accept application/pidf-diff+xml ("partial") or plain PIDF
// ("plain"), answer every NOTIFY with 200, and look for the note each change writes. A change is one device's PUBLISH
// changing its note, as a whole PIDF ("full") or as a pidf-diff with SIP-If-Match ("diff"). Measured, per publish kind:
//   rounds:      one change at a time, a pause after each: the NOTIFY bytes per change and watcher (body, datagram) and the
//                fan-out time (PUBLISH sent -> the last watcher has the change);
//   closed loop: the next change as soon as every watcher has the last: changes per second sustained;
//   publish:     the ten devices publishing as fast as answered (one PUBLISH in flight each), the watchers still there:
//                PUBLISH/s, NOTIFYs/s and bytes/s received;
// and with --baseline, the same publish-only run before any watcher subscribes. Each measurement is one JSON line
// "@result {...}"; the client's own CPU (cores) is in each, to show it was not the bottleneck.
// Usage: partial-bench <sip-port> partial|plain [--watchers 1000] [--rounds 20] [--seconds 10] [--sockets 16] [--baseline]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using SimpleActors.Load.Partial;
using SimpleActors.Load.SipLoad;
using SimpleActors.Sip.Message;

var server = new IPEndPoint(IPAddress.Loopback, int.Parse(args[0], CultureInfo.InvariantCulture));
var mode = args[1];
if (mode is not ("partial" or "plain"))
{
    Console.Error.WriteLine("mode: partial or plain");
    return 2;
}

int Option(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
var count = Option("--watchers", 1000);
var rounds = Option("--rounds", 20);
var seconds = Option("--seconds", 10);
var sockets = UdpAgent.Open(server, Option("--sockets", 16));
var run = Guid.NewGuid().ToString("N")[..6];
var publisherSocket = new UdpAgent(server);
var devices = Enumerable.Range(0, 10).Select(i => new Device(publisherSocket, $"pd-{run}-{i}", i)).ToArray();
var tracker = new ChangeTracker();
var watchers = Enumerable.Range(0, count).Select(i => new Watcher(sockets[i % sockets.Length], $"pw-{run}-{i}", i, mode == "partial", tracker)).ToArray();
var figures = new Dictionary<string, object?> { ["mode"] = mode, ["watchers"] = count };

foreach (var device in devices)
{
    if (!await device.PublishAsync($"{device.TupleId}-start", diff: false))
    {
        Console.Error.WriteLine($"initial PUBLISH of {device.TupleId} failed");
        return 1;
    }
}

if (args.Contains("--baseline"))
{
    foreach (var diff in new[] { false, true })
    {
        Figures.Phase($"publish {Kind(diff)}", false);
        var baseline = await PublishOnlyAsync(diff);
        Figures.Result(new(figures.Concat(baseline)) { ["measure"] = "publish", ["kind"] = Kind(diff), ["watchers"] = 0 });
    }
}

Figures.Phase("subscribing", false);
var subscribeClock = Stopwatch.StartNew();
foreach (var batch in watchers.Chunk(250))
{
    var answers = await Task.WhenAll(batch.Select(w => w.SubscribeAsync()));
    if (answers.Any(a => !a))
    {
        Console.Error.WriteLine($"{answers.Count(a => !a)} SUBSCRIBEs failed");
        return 1;
    }
}

await Task.WhenAll(watchers.Select(w => w.FirstNotify.WaitAsync(TimeSpan.FromSeconds(30))));
var first = watchers.Select(w => (double)w.FirstBodyBytes).ToList();
Console.WriteLine($"{count} {mode} watchers subscribed and notified in {subscribeClock.ElapsedMilliseconds} ms; first NOTIFY body {first.Average():F0} bytes");
figures["first_notify_body_bytes"] = Math.Round(first.Average());
figures["subscribe_ms"] = subscribeClock.ElapsedMilliseconds;
await Task.Delay(1000); // past each watcher's minimum NOTIFY interval (RFC 6446) counted from its first NOTIFY

var change = 0;
foreach (var diff in new[] { false, true })
{
    Figures.Phase($"rounds {Kind(diff)}", false);
    var times = new List<double>();
    var halves = new List<double>();
    var requestBytes = new List<int>();
    var spreads = new List<(double Body, double Datagram, int Notifies, int Patches)>();
    for (var r = 0; r < rounds; r++)
    {
        var round = await ChangeAsync(diff);
        if (round is null)
        {
            return 1;
        }

        times.Add(round.LastMs);
        halves.Add(round.HalfMs);
        spreads.Add((round.BodyBytes / (double)count, round.DatagramBytes / (double)count, round.Notifies, round.Patches));
        requestBytes.Add(round.PublishBytes);
        await Task.Delay(300); // past the minimum NOTIFY interval: the fan-out is measured, not the rate limit
    }

    times.Sort();
    halves.Sort();
    var result = new Dictionary<string, object?>(figures)
    {
        ["measure"] = "rounds", ["kind"] = Kind(diff), ["rounds"] = rounds,
        ["fanout_p50_ms"] = Figures.At(times, 0.5), ["fanout_p90_ms"] = Figures.At(times, 0.9), ["fanout_worst_ms"] = times[^1],
        ["half_watchers_p50_ms"] = Figures.At(halves, 0.5),
        ["notify_body_bytes_per_watcher"] = Math.Round(spreads.Average(s => s.Body), 1),
        ["notify_datagram_bytes_per_watcher"] = Math.Round(spreads.Average(s => s.Datagram), 1),
        ["notify_bytes_per_change"] = Math.Round(spreads.Average(s => s.Datagram) * count),
        ["notifies_per_change"] = Math.Round(spreads.Average(s => s.Notifies), 1),
        ["pidf_diff_share"] = Math.Round(spreads.Sum(s => s.Patches) / (double)spreads.Sum(s => s.Notifies), 3),
        ["publish_request_bytes"] = Math.Round(requestBytes.Average()),
    };
    Figures.Result(result);
}

foreach (var diff in new[] { false, true })
{
    Figures.Phase($"closed-loop {Kind(diff)}", false);
    var cpu = new Figures.ClientCpu();
    var clock = Stopwatch.StartNew();
    var done = 0;
    var body = 0L;
    while (clock.Elapsed.TotalSeconds < seconds)
    {
        var round = await ChangeAsync(diff);
        if (round is null)
        {
            return 1;
        }

        done++;
        body += round.BodyBytes;
    }

    Figures.Result(new(figures)
    {
        ["measure"] = "closed-loop", ["kind"] = Kind(diff), ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1), ["changes"] = done,
        ["changes_per_s"] = Math.Round(done / clock.Elapsed.TotalSeconds, 1),
        ["notifies_per_s"] = Math.Round(done * count / clock.Elapsed.TotalSeconds),
        ["notify_body_bytes_per_watcher"] = Math.Round(body / (double)done / count, 1), ["client_cpu_cores"] = cpu.Cores,
    });
    await Task.Delay(500);
}

foreach (var diff in new[] { false, true })
{
    Figures.Phase($"publish {Kind(diff)}", false);
    var publishing = await PublishOnlyAsync(diff);
    Figures.Result(new(figures.Concat(publishing)) { ["measure"] = "publish", ["kind"] = Kind(diff) });
    await Task.Delay(1000);
}

var retransmitted = watchers.Sum(w => w.NotifyRetransmissions);
Console.WriteLine($"NOTIFYs the node sent again (UDP retransmissions): {retransmitted}; SUBSCRIBEs sent again: {watchers.Sum(w => w.RequestRetransmissions)}");
Figures.Result(new(figures) { ["measure"] = "totals", ["notify_retransmissions"] = retransmitted });
return 0;

static string Kind(bool diff) => diff ? "diff" : "full";

// One change: the next device publishes a new note; done when every watcher has a NOTIFY with it.
async Task<Change?> ChangeAsync(bool diff)
{
    change++;
    var device = devices[change % devices.Length];
    var note = (diff ? "D" : "F") + change.ToString("D7", CultureInfo.InvariantCulture);
    var round = tracker.Start(note, count);
    if (!await device.PublishAsync(note, diff))
    {
        Console.Error.WriteLine($"PUBLISH of change {note} failed");
        return null;
    }

    if (await Task.WhenAny(round.All, Task.Delay(TimeSpan.FromSeconds(30))) != round.All)
    {
        Console.Error.WriteLine($"change {note}: only {count - round.Remaining} of {count} watchers had it after 30 s");
        return null;
    }

    tracker.Stop();
    round.PublishBytes = device.LastRequestBytes;
    return round;
}

// The ten devices publish as fast as they are answered for the configured seconds: PUBLISH/s and what the watchers got.
async Task<Dictionary<string, object?>> PublishOnlyAsync(bool diff)
{
    var cpu = new Figures.ClientCpu();
    var before = sockets.Select(s => s.Notifies).ToArray();
    var patchesBefore = watchers.Sum(w => w.Patches);
    var clock = Stopwatch.StartNew();
    var failures = 0;
    var published = await Task.WhenAll(devices.Select(async d =>
    {
        var n = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            if (await d.PublishAsync((diff ? "P" : "Q") + n.ToString("D7", CultureInfo.InvariantCulture) + d.TupleId, diff))
            {
                n++;
            }
            else
            {
                Interlocked.Increment(ref failures);
            }
        }

        return n;
    }));
    var took = clock.Elapsed.TotalSeconds;
    await Task.Delay(1000); // NOTIFYs still on their way are counted
    var notifies = sockets.Select((s, i) => s.Notifies.Count - before[i].Count).Sum();
    var bytes = sockets.Select((s, i) => s.Notifies.Bytes - before[i].Bytes).Sum();
    var patches = watchers.Sum(w => w.Patches) - patchesBefore;
    return new()
    {
        ["seconds"] = Math.Round(took, 1), ["publishes"] = published.Sum(), ["publish_failures"] = failures,
        ["publish_per_s"] = Math.Round(published.Sum() / took), ["publish_request_bytes"] = Math.Round(devices.Average(d => d.LastRequestBytes)),
        ["notifies_per_s"] = Math.Round(notifies / took), ["notify_bytes_per_s"] = Math.Round(bytes / took),
        ["notify_datagram_bytes_mean"] = notifies == 0 ? 0 : Math.Round(bytes / (double)notifies), ["pidf_diff_share"] = notifies == 0 ? 0 : Math.Round(patches / (double)notifies, 3),
        ["client_cpu_cores"] = cpu.Cores,
    };
}

namespace SimpleActors.Load.Partial
{
    /// <summary>A device of the presentity: its own publication (tuple dN), kept by SIP-ETag, and its pidf-diff versions.</summary>
    internal sealed class Device(UdpAgent agent, string callId, int index) : SipParty(agent, callId)
    {
        public const string Presentity = "sip:partial@example.com";
        private string? etag;
        private uint version;

        public string TupleId { get; } = "d" + index.ToString(CultureInfo.InvariantCulture);

        public int LastRequestBytes { get; private set; }

        public async Task<bool> PublishAsync(string note, bool diff)
        {
            version++;
            var (type, body) = diff && etag is not null
                ? (PresenceText.PidfDiff, PresenceText.NoteDiffBody(Presentity, version, TupleId, note))
                : (PresenceText.Pidf, PresenceText.PidfBody(Presentity, TupleId, note));
            var response = await RequestAsync(line =>
            {
                var text = PresenceText.Publish(line, Presentity, etag, type, body);
                LastRequestBytes = Encoding.UTF8.GetByteCount(text);
                return text;
            });
            if (response is { StatusCode: 200 })
            {
                etag = response.SipETag;
                return true;
            }

            Console.Error.WriteLine($"PUBLISH ({type}) of {TupleId} answered {response?.StatusCode.ToString(CultureInfo.InvariantCulture) ?? "nothing"}: {response?.ReasonPhrase}");
            return false;
        }
    }

    /// <summary>The change every watcher waits for now, and what the watchers received until all had it.</summary>
    internal sealed class ChangeTracker
    {
        private volatile Change? current;

        public Change? Current => current;

        public Change Start(string note, int watchers) => current = new Change(note, watchers);

        public void Stop() => current = null;
    }

    internal sealed class Change(string note, int watchers)
    {
        private readonly TaskCompletionSource all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly long started = Stopwatch.GetTimestamp();
        private readonly List<double> arrivals = new(watchers);
        private int remaining = watchers;
        private long bodyBytes;
        private long datagramBytes;
        private int notifies;
        private int patches;

        public byte[] Note { get; } = Encoding.UTF8.GetBytes(note);

        /// <summary>The size of the PUBLISH that made the change (the whole request).</summary>
        public int PublishBytes { get; set; }

        public Task All => all.Task;

        public int Remaining => Volatile.Read(ref remaining);

        public long BodyBytes => Interlocked.Read(ref bodyBytes);

        public long DatagramBytes => Interlocked.Read(ref datagramBytes);

        public int Notifies => Volatile.Read(ref notifies);

        /// <summary>NOTIFYs whose body was a pidf-diff patch (not full state).</summary>
        public int Patches => Volatile.Read(ref patches);

        /// <summary>From sending the PUBLISH to the last watcher's NOTIFY with the change.</summary>
        public double LastMs => Sorted() is { Count: > 0 } sorted ? Math.Round(sorted[^1], 1) : double.NaN;

        public double HalfMs => Figures.At(Sorted(), 0.5);

        private List<double> Sorted()
        {
            lock (arrivals)
            {
                return [.. arrivals.Order()];
            }
        }

        public static bool IsPatch(SipRequest notify) => notify.Body.Span.IndexOf("<p:pidf-diff"u8) >= 0;

        /// <summary>A NOTIFY while this change is out; true when it carries the change (the watcher then has it).</summary>
        public bool Received(SipRequest notify, int datagram, long at)
        {
            Interlocked.Add(ref bodyBytes, notify.Body.Length);
            Interlocked.Add(ref datagramBytes, datagram);
            Interlocked.Increment(ref notifies);
            if (IsPatch(notify))
            {
                Interlocked.Increment(ref patches);
            }

            if (notify.Body.Span.IndexOf(Note) < 0)
            {
                return false;
            }

            lock (arrivals)
            {
                arrivals.Add(SipParty.Ms(started, at));
            }

            if (Interlocked.Decrement(ref remaining) == 0)
            {
                all.TrySetResult();
            }

            return true;
        }
    }

    /// <summary>A watcher of the presentity, partial (Accept lists pidf-diff) or plain; each its own From user.</summary>
    internal sealed class Watcher(UdpAgent agent, string callId, int index, bool partial, ChangeTracker tracker) : SipParty(agent, callId)
    {
        private readonly TaskCompletionSource first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Change? had;
        private int patches;

        public Task FirstNotify => first.Task;

        public int FirstBodyBytes { get; private set; }

        /// <summary>NOTIFYs with a pidf-diff patch (not full state) so far.</summary>
        public int Patches => Volatile.Read(ref patches);

        public async Task<bool> SubscribeAsync()
        {
            var accept = partial ? $"{PresenceText.Pidf}, {PresenceText.PidfDiff}" : PresenceText.Pidf;
            var from = $"sip:pw{index.ToString(CultureInfo.InvariantCulture)}@example.com";
            var response = await RequestAsync(line => PresenceText.Subscribe(line, Device.Presentity, from, null, 3600, $"Accept: {accept}\r\n"));
            return response is { IsSuccess: true };
        }

        protected override void OnNotify(SipRequest notify, int datagramBytes, long at)
        {
            if (Change.IsPatch(notify))
            {
                Interlocked.Increment(ref patches);
            }

            if (!first.Task.IsCompleted)
            {
                FirstBodyBytes = notify.Body.Length;
                first.TrySetResult();
                return;
            }

            if (tracker.Current is { } change && change != had && change.Received(notify, datagramBytes, at))
            {
                had = change;
            }
        }
    }
}
