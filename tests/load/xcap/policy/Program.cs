// Re-evaluating many presence subscriptions when their presentity's rules change (issue 17's measurement). N UDP
// watchers on 127.0.0.1 (distinct From users, spread over a few sockets) subscribe to sip:alice@example.com of a node in
// lab mode (no authentication), answer every NOTIFY with 200 and keep their dialogs. Then one XCAP PUT of alice's
// pres-rules document (RFC 5025) changes what they may see:
//   block: from active subscriptions, a rule that blocks example.com; each watcher's goal is the NOTIFY with
//          Subscription-State: terminated;reason=rejected.
//   allow: a confirm rule is PUT before the watchers come (so they start pending), then a rule that allows example.com
//          with a transformation (services only, so no note); each watcher's goal is its NOTIFY with state active.
// It prints the PUT's HTTP answer time, the time until half, 99 % and all watchers had their goal NOTIFY, NOTIFYs the
// server sent again (UDP retransmissions: a NOTIFY answered late or lost), and, last, one JSON line of the figures.
// Usage: xcap-policy <sip-port> <xcap-root-url> <watchers> <block|allow> [sockets]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

var server = new IPEndPoint(IPAddress.Loopback, int.Parse(args[0], CultureInfo.InvariantCulture));
var xcapRoot = args[1].TrimEnd('/');
var count = int.Parse(args[2], CultureInfo.InvariantCulture);
var mode = args[3];
var socketCount = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 16;
if (mode is not ("block" or "allow"))
{
    Console.Error.WriteLine("mode: block or allow");
    return 2;
}

const string Presentity = "sip:alice@example.com";
var rulesUri = $"{xcapRoot}/pres-rules/users/{Presentity}/index";
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
var run = Guid.NewGuid().ToString("N")[..8];

var sockets = Enumerable.Range(0, socketCount).Select(_ =>
{
    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20 };
    socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    return socket;
}).ToArray();
var watchers = Enumerable.Range(0, count).Select(i => new Watcher(i, run, sockets[i % socketCount])).ToArray();
var byCallId = watchers.ToDictionary(w => w.CallId, StringComparer.Ordinal);
var goal = new Goal(count, mode == "block" ? "terminated" : "active");
var receiving = sockets.Select(s => Task.Run(() => ReceiveLoopAsync(s))).ToArray();

if (!await PublishAsync("bench note"))
{
    return 1;
}

if (mode == "allow")
{
    var (status, _) = await PutRulesAsync("confirm", string.Empty);
    Console.WriteLine($"confirm rules PUT: {status}");
}

var subscribeClock = Stopwatch.StartNew();
var firstState = mode == "block" ? "active" : "pending";
foreach (var batch in watchers.Chunk(250))
{
    foreach (var w in batch)
    {
        await w.Socket.SendToAsync(w.Subscribe(server), server);
    }

    for (var attempt = 0; attempt < 8 && batch.Any(w => !w.Ready); attempt++)
    {
        await Task.WhenAny(Task.WhenAll(batch.Select(w => w.ReadyTask)), Task.Delay(2000));
        foreach (var w in batch.Where(w => !w.Answered))
        {
            await w.Socket.SendToAsync(w.Subscribe(server), server); // the same request again: a retransmission
        }
    }
}

var notReady = watchers.Count(w => !w.Ready);
var wrongState = watchers.Count(w => w.Ready && w.FirstState != firstState);
Console.WriteLine($"{count - notReady} watchers subscribed and notified in {subscribeClock.ElapsedMilliseconds} ms " +
                  $"({notReady} without their first NOTIFY, {wrongState} not {firstState})");

// Past each watcher's minimum NOTIFY interval (Presence:Subscription:MinNotifyInterval, RFC 6446), so that the change is
// measured, not the rate limit; and a quiet moment for the node.
await Task.Delay(3000);
var notifiesBefore = watchers.Sum(w => w.Notifies);

var startedAt = Stopwatch.GetTimestamp();
goal.Arm(startedAt);
var (putStatus, putMs) = mode == "block"
    ? await PutRulesAsync("block", string.Empty)
    : await PutRulesAsync("allow", "<cp:transformations><pr:provide-services><pr:all-services/></pr:provide-services></cp:transformations>");
Console.WriteLine($"rules PUT ({mode}) answered {putStatus} after {putMs:F1} ms");
var done = await Task.WhenAny(goal.All, Task.Delay(TimeSpan.FromSeconds(120))) == goal.All;
var totalMs = Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds;
await Task.Delay(2000); // NOTIFYs still arriving: counted, not timed
var arrived = watchers.Where(w => w.GoalAt != 0).Select(w => Stopwatch.GetElapsedTime(startedAt, w.GoalAt).TotalMilliseconds).Order().ToList();
double At(double share) => arrived.Count == 0 ? double.NaN : arrived[Math.Min(arrived.Count - 1, (int)(count * share))];
var withNote = watchers.Count(w => w.GoalHadNote);
var result = new Dictionary<string, object>
{
    ["mode"] = mode,
    ["watchers"] = count,
    ["subscribed"] = count - notReady,
    ["first_state_wrong"] = wrongState,
    ["put_status"] = putStatus,
    ["put_ms"] = Math.Round(putMs, 1),
    ["goal"] = goal.State,
    ["reached"] = arrived.Count,
    ["all_ms"] = done ? Math.Round(arrived[^1], 1) : double.NaN,
    ["p50_ms"] = Math.Round(At(0.5), 1),
    ["p99_ms"] = Math.Round(At(0.99), 1),
    ["waited_ms"] = Math.Round(totalMs, 1),
    ["notifies_after_put"] = watchers.Sum(w => w.Notifies) - notifiesBefore,
    ["notify_retransmissions"] = watchers.Sum(w => w.Retransmissions),
    ["goal_with_note"] = withNote,
    ["goal_with_body"] = watchers.Count(w => w.GoalDetail == "body"),
    ["goal_reason_rejected"] = watchers.Count(w => w.GoalDetail == "rejected"),
    ["other_states_after_put"] = watchers.Sum(w => w.OtherAfterArm),
};
Console.WriteLine(done
    ? $"all {count} watchers had their {goal.State} NOTIFY after {arrived[^1]:F1} ms (half by {At(0.5):F1} ms, 99 % by {At(0.99):F1} ms)"
    : $"after {totalMs:F0} ms only {arrived.Count} of {count} watchers had their {goal.State} NOTIFY");
Console.WriteLine(JsonSerializer.Serialize(result));
return done ? 0 : 1;

async Task<(int Status, double Ms)> PutRulesAsync(string handling, string transformations)
{
    var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" +
               "<cp:ruleset xmlns:cp=\"urn:ietf:params:xml:ns:common-policy\" xmlns:pr=\"urn:ietf:params:xml:ns:pres-rules\">" +
               $"<cp:rule id=\"r-{handling}\"><cp:conditions><cp:identity><cp:many domain=\"example.com\"/></cp:identity></cp:conditions>" +
               $"<cp:actions><pr:sub-handling>{handling}</pr:sub-handling></cp:actions>{transformations}</cp:rule></cp:ruleset>";
    using var content = new StringContent(body, Encoding.UTF8);
    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/auth-policy+xml");
    var clock = Stopwatch.StartNew();
    using var response = await http.PutAsync(new Uri(rulesUri), content);
    var ms = clock.Elapsed.TotalMilliseconds;
    if (!response.IsSuccessStatusCode)
    {
        Console.WriteLine($"PUT {rulesUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    return ((int)response.StatusCode, ms);
}

async Task<bool> PublishAsync(string note)
{
    var body = $"<?xml version=\"1.0\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"{Presentity}\"><tuple id=\"t\"><status><basic>open</basic></status><note>{note}</note></tuple></presence>";
    using var publisher = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    publisher.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    var local = (IPEndPoint)publisher.LocalEndPoint!;
    var text = $"PUBLISH {Presentity} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local.Port};branch=z9hG4bK{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
               $"From: <{Presentity}>;tag=p\r\nTo: <{Presentity}>\r\nCall-ID: pub-{Guid.NewGuid():N}\r\nCSeq: 1 PUBLISH\r\nEvent: presence\r\nExpires: 3600\r\n" +
               $"Content-Type: application/pidf+xml\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
    await publisher.SendToAsync(Encoding.UTF8.GetBytes(text), server);
    var buffer = new byte[65536];
    var parser = new SipParser();
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
    while (true)
    {
        var got = await publisher.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        if (parser.ParseDatagram(buffer.AsSpan(0, got.ReceivedBytes)) is SipResponse { StatusCode: >= 200 } response)
        {
            Console.WriteLine($"PUBLISH answered {response.StatusCode}");
            return response.StatusCode == 200;
        }
    }
}

async Task ReceiveLoopAsync(Socket socket)
{
    var parser = new SipParser();
    var buffer = new byte[65536];
    while (true)
    {
        var got = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0));
        var at = Stopwatch.GetTimestamp();
        var message = parser.ParseDatagram(buffer.AsSpan(0, got.ReceivedBytes));
        if (message?.CallId is not { } callId || !byCallId.TryGetValue(callId, out var watcher))
        {
            continue;
        }

        if (message is SipResponse response)
        {
            watcher.Answered |= response.StatusCode >= 200;
            if (response.StatusCode >= 300)
            {
                Console.WriteLine($"SUBSCRIBE of {watcher.CallId} answered {response.StatusCode}");
            }

            watcher.TryReady();
            continue;
        }

        if (message is not SipRequest { Method: "NOTIFY" } notify)
        {
            continue;
        }

        await socket.SendToAsync(SipMessageWriter.ToBytes(SipResponse.CreateFor(notify, 200)), got.RemoteEndPoint);
        var header = notify.Headers.GetFirstValue("Subscription-State") ?? string.Empty;
        var state = header.Split(';')[0].Trim();
        var detail = notify.Body.Length > 0 ? "body" : header.Contains("reason=rejected", StringComparison.OrdinalIgnoreCase) ? "rejected" : string.Empty;
        var cseq = notify.Headers.GetFirstValue("CSeq") ?? string.Empty;
        var hasNote = notify.Body.Length > 0 && Encoding.UTF8.GetString(notify.Body.Span).Contains("<note", StringComparison.Ordinal);
        watcher.Notified(cseq, state, hasNote, detail, at, goal);
    }
}

/// <summary>What the watchers wait for after the PUT: the NOTIFY state, and when the last of them had it.</summary>
internal sealed class Goal(int count, string state)
{
    private readonly TaskCompletionSource all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int reached;

    public string State => state;

    public long ArmedAt { get; private set; }

    public Task All => all.Task;

    public void Arm(long at) => ArmedAt = at;

    public void Reached()
    {
        if (Interlocked.Increment(ref reached) == count)
        {
            all.TrySetResult();
        }
    }
}

internal sealed class Watcher(int index, string run, Socket socket)
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object gate = new();
    private byte[]? subscribe;
    private string lastCSeq = string.Empty;
    private bool notified;

    public Socket Socket => socket;

    public string CallId { get; } = $"xp-{run}-{index}";

    public bool Answered { get; set; }

    public bool Ready => ready.Task.IsCompleted;

    public Task ReadyTask => ready.Task;

    public string FirstState { get; private set; } = string.Empty;

    public int Notifies { get; private set; }

    public int Retransmissions { get; private set; }

    public int OtherAfterArm { get; private set; }

    public long GoalAt { get; private set; }

    public bool GoalHadNote { get; private set; }

    /// <summary>Of the goal NOTIFY: "body" when it had one, "rejected" for a body-less one with reason=rejected.</summary>
    public string GoalDetail { get; private set; } = string.Empty;

    public byte[] Subscribe(IPEndPoint server)
    {
        if (subscribe is null)
        {
            var local = (IPEndPoint)socket.LocalEndPoint!;
            var text = $"SUBSCRIBE sip:alice@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local.Port};branch=z9hG4bK{CallId}\r\nMax-Forwards: 70\r\n" +
                       $"From: <sip:w{index}@example.com>;tag=w{index}\r\nTo: <sip:alice@example.com>\r\nCall-ID: {CallId}\r\nCSeq: 1 SUBSCRIBE\r\n" +
                       $"Contact: <sip:w{index}@127.0.0.1:{local.Port}>\r\nEvent: presence\r\nExpires: 3600\r\nContent-Length: 0\r\n\r\n";
            subscribe = Encoding.UTF8.GetBytes(text);
        }

        return subscribe;
    }

    public void TryReady()
    {
        lock (gate)
        {
            if (Answered && notified)
            {
                ready.TrySetResult();
            }
        }
    }

    public void Notified(string cseq, string state, bool hasNote, string detail, long at, Goal goal)
    {
        lock (gate)
        {
            if (cseq == lastCSeq)
            {
                Retransmissions++;
                return;
            }

            lastCSeq = cseq;
            Notifies++;
            if (!notified)
            {
                notified = true;
                FirstState = state;
            }

            if (goal.ArmedAt != 0 && at >= goal.ArmedAt)
            {
                if (state == goal.State && GoalAt == 0)
                {
                    GoalAt = at;
                    GoalHadNote = hasNote;
                    GoalDetail = detail;
                    goal.Reached();
                }
                else if (state != goal.State)
                {
                    OtherAfterArm++;
                }
            }
        }

        TryReady();
    }
}
