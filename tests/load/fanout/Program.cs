// Fan-out of one PUBLISH to N watchers (issue 4's measurement). N UDP watchers on 127.0.0.1 subscribe to one
// presentity of a node in lab mode (no authentication), answer every NOTIFY with 200, and wait until each has its
// first NOTIFY. Then one PUBLISH changes the presentity; the time from sending it to the last watcher's NOTIFY with
// the new note is the fan-out time. Usage: fanout <server-host> <server-port> [watchers] [rounds]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

var server = new IPEndPoint(IPAddress.Parse(args.Length > 0 ? args[0] : "127.0.0.1"), args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5060);
var count = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
const string Presentity = "sip:fanout@example.com";
var parser = new SipParser();

var watchers = Enumerable.Range(0, count).Select(i => new Watcher(i, server, parser)).ToList();
var receiving = watchers.Select(w => w.ReceiveLoopAsync()).ToList();
using var publisher = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
publisher.Bind(new IPEndPoint(IPAddress.Loopback, 0));

string? etag = await PublishAsync("start", null);
var subscribeClock = Stopwatch.StartNew();
foreach (var batch in watchers.Chunk(100))
{
    await Task.WhenAll(batch.Select(w => w.SubscribeAsync(Presentity)));
}

await Task.WhenAll(watchers.Select(w => w.WaitForNoteAsync("start")));
Console.WriteLine($"{count} watchers subscribed and notified in {subscribeClock.ElapsedMilliseconds} ms");

// The first change waits out each watcher's minimum NOTIFY interval (Presence:Subscription:MinNotifyInterval, RFC 6446)
// counted from its first NOTIFY: start measuring past it, so the rounds measure the fan-out, not the rate limit.
await Task.Delay(1000);

var times = new List<double>();
for (var round = 1; round <= rounds; round++)
{
    var note = "round-" + round.ToString(CultureInfo.InvariantCulture);
    var startedAt = Stopwatch.GetTimestamp();
    var clock = Stopwatch.StartNew();
    etag = await PublishAsync(note, etag);
    var published = clock.Elapsed.TotalMilliseconds;
    await Task.WhenAll(watchers.Select(w => w.WaitForNoteAsync(note)));
    times.Add(clock.Elapsed.TotalMilliseconds);
    var arrived = watchers.Select(w => Stopwatch.GetElapsedTime(startedAt, w.ArrivalOf(note)).TotalMilliseconds).Order().ToList();
    Console.WriteLine(
        $"round {round}: PUBLISH answered after {published:F1} ms, all {count} NOTIFYs after {clock.Elapsed.TotalMilliseconds:F1} ms " +
        $"(watchers: half by {arrived[count / 2]:F1} ms, 99 % by {arrived[count * 99 / 100]:F1} ms)");
    await Task.Delay(500); // past the minimum NOTIFY interval
}

times.Sort();
Console.WriteLine(
    $"fan-out to {count} watchers: median {times[times.Count / 2]:F1} ms, p90 {times[(int)(times.Count * 0.9)]:F1} ms, worst {times[^1]:F1} ms");
return 0;

async Task<string?> PublishAsync(string note, string? ifMatch)
{
    var body = $"<?xml version=\"1.0\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"{Presentity}\"><tuple id=\"t\"><status><basic>open</basic></status><note>{note}</note></tuple></presence>";
    var local = (IPEndPoint)publisher.LocalEndPoint!;
    var text = $"PUBLISH {Presentity} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local.Port};branch=z9hG4bK{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
               $"From: <{Presentity}>;tag=p\r\nTo: <{Presentity}>\r\nCall-ID: pub-{Guid.NewGuid():N}\r\nCSeq: 1 PUBLISH\r\nEvent: presence\r\nExpires: 3600\r\n" +
               (ifMatch is null ? string.Empty : $"SIP-If-Match: {ifMatch}\r\n") +
               $"Content-Type: application/pidf+xml\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
    await publisher.SendToAsync(Encoding.UTF8.GetBytes(text), server);
    var buffer = new byte[65536];
    while (true)
    {
        var result = await publisher.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0));
        if (parser.ParseDatagram(buffer.AsSpan(0, result.ReceivedBytes)) is SipResponse { StatusCode: >= 200 } response)
        {
            return response.StatusCode == 200 ? response.SipETag : throw new InvalidOperationException($"PUBLISH answered {response.StatusCode}");
        }
    }
}

internal sealed class Watcher(int index, IPEndPoint server, SipParser parser)
{
    private readonly Socket socket = Bind();
    private readonly object gate = new();
    private readonly Dictionary<string, TaskCompletionSource> notes = [];
    private readonly Dictionary<string, long> arrivals = [];

    /// <summary>When the NOTIFY with <paramref name="note"/> arrived (Stopwatch ticks).</summary>
    public long ArrivalOf(string note)
    {
        lock (gate)
        {
            return arrivals[note];
        }
    }
    private TaskCompletionSource<SipResponse>? subscribed;

    public async Task SubscribeAsync(string presentity)
    {
        subscribed = new TaskCompletionSource<SipResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var local = (IPEndPoint)socket.LocalEndPoint!;
        var text = $"SUBSCRIBE {presentity} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local.Port};branch=z9hG4bK{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
                   $"From: <sip:w{index}@example.com>;tag=w{index}\r\nTo: <{presentity}>\r\nCall-ID: fan-{index}-{Guid.NewGuid():N}\r\nCSeq: 1 SUBSCRIBE\r\n" +
                   $"Contact: <sip:w{index}@127.0.0.1:{local.Port}>\r\nEvent: presence\r\nExpires: 3600\r\nContent-Length: 0\r\n\r\n";
        await socket.SendToAsync(Encoding.UTF8.GetBytes(text), server);
        var response = await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        if (response.StatusCode is not (200 or 202))
        {
            throw new InvalidOperationException($"SUBSCRIBE answered {response.StatusCode}");
        }
    }

    public Task WaitForNoteAsync(string note)
    {
        lock (gate)
        {
            if (!notes.TryGetValue(note, out var seen))
            {
                seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                notes[note] = seen;
            }

            return seen.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    public async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65536];
        while (true)
        {
            var result = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0));
            var message = parser.ParseDatagram(buffer.AsSpan(0, result.ReceivedBytes));
            if (message is SipResponse response)
            {
                subscribed?.TrySetResult(response);
                continue;
            }

            if (message is not SipRequest { Method: "NOTIFY" } notify)
            {
                continue;
            }

            var ok = SipResponse.CreateFor(notify, 200);
            await socket.SendToAsync(SipMessageWriter.ToBytes(ok), result.RemoteEndPoint);
            var body = Encoding.UTF8.GetString(notify.Body.Span);
            var start = body.IndexOf("<note>", StringComparison.Ordinal);
            if (start < 0)
            {
                continue;
            }

            var note = body[(start + 6)..body.IndexOf("</note>", start, StringComparison.Ordinal)];
            lock (gate)
            {
                if (!notes.TryGetValue(note, out var seen))
                {
                    seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    notes[note] = seen;
                }

                arrivals.TryAdd(note, Stopwatch.GetTimestamp());
                seen.TrySetResult();
            }
        }
    }

    private static Socket Bind()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
