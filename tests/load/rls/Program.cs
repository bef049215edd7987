// Resource-list subscriptions (RFC 4662, request-contained lists of RFC 5367) under load. First N presentities
// sip:rb0..rb{N-1}@example.com publish once (one publication each, a PIDF with a note). Then:
//   fullstate: for each list size (e.g. 100 and 1000), one subscriber SUBSCRIBEs to sip:rls@example.com with a list of
//              the first that many presentities; timed from sending the SUBSCRIBE until every resource's instance has
//              arrived with its part (the full state may span several NOTIFYs over the body size limit), with the
//              size of each NOTIFY; then it unsubscribes.
//   load:      S list subscribers (distinct From users over a few sockets), each a list of L presentities drawn at
//              random from the N, subscribe in batches (each batch waits for its full states); then for each rate,
//              PUBLISHes of a changed note at that rate for the given seconds (round robin over the presentities, one
//              PUBLISH in flight per presentity, SIP-If-Match), and then a few seconds to drain: NOTIFYs per second, the
//              latency from each PUBLISH to each NOTIFY that shows its note, and failures: PUBLISHes not answered 200,
//              NOTIFYs sent again, and (subscriber, resource) pairs whose last NOTIFY does not show the last published
//              note after the drain.
// Every NOTIFY is answered 200 at once. Each measurement is one JSON line "@result {...}", with the client's own CPU.
// With --handshake the tool prints "@wait published" and "@wait subscribed" and waits for a line on standard input
// before going on (the runner measures the node's memory there).
// --service: every list subscriber SUBSCRIBEs without a body to its own service URI sip:<user>-list@example.com (no
// Require: recipient-list-subscribe; still Supported: eventlist and the same Accept), a service of its rls-services
// document. Before subscribing the tool writes the lists to --lists-file (one line per list, tab-separated: watcher AOR,
// service URI, the resource URIs) and, with --handshake, prints "@wait lists" and waits for the runner to install them.
// Usage: rls-bench <sip-port> fullstate [--presentities 1000] [--lists "100 1000"] [--repeat 2] [--timeout 300]
//                  [--service --lists-file PATH] [--handshake]
//        rls-bench <sip-port> load [--presentities 1000] [--subscribers 10000] [--size 10] [--rates "100 500"]
//                  [--seconds 30] [--sockets 32] [--service --lists-file PATH] [--handshake]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using SimpleActors.Load.Rls;
using SimpleActors.Load.SipLoad;

var server = new IPEndPoint(IPAddress.Loopback, int.Parse(args[0], CultureInfo.InvariantCulture));
var mode = args[1];
string Option(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 ? args[i + 1] : fallback;
int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
int[] Numbers(string name, string fallback) => [.. Option(name, fallback).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, CultureInfo.InvariantCulture))];
var run = Guid.NewGuid().ToString("N")[..6];
var handshake = args.Contains("--handshake");
var service = args.Contains("--service");
var count = Number("--presentities", 1000);
var publishers = UdpAgent.Open(server, 8);
var resources = Enumerable.Range(0, count).Select(i => new Resource(publishers[i % publishers.Length], $"rp-{run}-{i}", i)).ToArray();

var publishClock = Stopwatch.StartNew();
foreach (var batch in resources.Chunk(50))
{
    var answers = await Task.WhenAll(batch.Select(r => r.PublishAsync("init")));
    if (answers.Any(a => !a))
    {
        Console.Error.WriteLine("initial PUBLISHes failed");
        return 1;
    }
}

Console.WriteLine($"{count} presentities published in {publishClock.ElapsedMilliseconds} ms");
Figures.Phase("published", handshake);
var code = mode switch
{
    "fullstate" => await FullStateAsync(),
    "load" => await LoadAsync(),
    _ => 2,
};
Figures.Phase("done", false);
return code;

async Task<int> FullStateAsync()
{
    var agent = new UdpAgent(server);
    var subscribers = new List<FullStateSubscriber>();
    foreach (var size in Numbers("--lists", "100 1000"))
    {
        for (var repeat = 0; repeat < Number("--repeat", 2); repeat++)
        {
            var k = subscribers.Count;
            subscribers.Add(new FullStateSubscriber(agent, $"rf-{run}-{k}", $"sip:rf{k}@example.com", [.. resources.Take(size).Select(r => r.Uri)], service));
        }
    }

    Lists(subscribers);
    foreach (var subscriber in subscribers)
    {
        var cpu = new Figures.ClientCpu();
        var started = Stopwatch.GetTimestamp();
        var answer = await subscriber.SubscribeAsync(3600);
        var answered = SipParty.Ms(started, Stopwatch.GetTimestamp());
        var complete = await Task.WhenAny(subscriber.Complete, Task.Delay(TimeSpan.FromSeconds(Number("--timeout", 300)))) == subscriber.Complete;
        var notifies = subscriber.Notifies;
        Figures.Result(new()
        {
            ["measure"] = "fullstate", ["resources"] = subscriber.Size, ["answer"] = answer?.StatusCode, ["answered_ms"] = Math.Round(answered, 1),
            ["complete"] = complete, ["timeout_s"] = Number("--timeout", 300), ["complete_ms"] = complete ? Math.Round(SipParty.Ms(started, notifies[^1].At), 1) : null,
            ["first_notify_ms"] = notifies.Count > 0 ? Math.Round(SipParty.Ms(started, notifies[0].At), 1) : null,
            ["notifies"] = notifies.Count, ["notify_datagram_bytes"] = notifies.Select(n => n.Datagram).ToArray(),
            ["notify_body_bytes_total"] = notifies.Sum(n => n.Body), ["versions"] = notifies.Select(n => n.Version).ToArray(),
            ["full_state_flags"] = notifies.Select(n => n.FullState).ToArray(), ["instances_arrived"] = subscriber.Arrived,
            ["notify_retransmissions"] = subscriber.NotifyRetransmissions, ["client_cpu_cores"] = cpu.Cores,
        });
        await subscriber.SubscribeAsync(0);
        await Task.Delay(1000);
    }

    return 0;
}

async Task<int> LoadAsync()
{
    var subscribers = Number("--subscribers", 10000);
    var size = Number("--size", 10);
    var seconds = Number("--seconds", 30);
    var sockets = UdpAgent.Open(server, Number("--sockets", 32));
    var random = new Random(4662);
    var journal = new PublishJournal(resources.Length, Numbers("--rates", "100 500").Max() * (seconds + 5) * Numbers("--rates", "100 500").Length + 10);
    var lists = Enumerable.Range(0, subscribers).Select(i => new LoadSubscriber(
        sockets[i % sockets.Length], $"rl-{run}-{i}", $"sip:rl{i}@example.com",
        [.. Enumerable.Range(0, count).OrderBy(_ => random.Next()).Take(size)], resources, journal, service)).ToArray();
    foreach (var r in lists.SelectMany(l => l.Resources))
    {
        resources[r].Listed++;
    }

    Lists(lists);

    Figures.Phase("subscribing", false);
    var cpu = new Figures.ClientCpu();
    var clock = Stopwatch.StartNew();
    var failed = 0;
    foreach (var batch in lists.Chunk(250))
    {
        var answers = await Task.WhenAll(batch.Select(l => l.SubscribeAsync(3600)));
        failed += answers.Count(a => a is not { IsSuccess: true });
        await Task.WhenAny(Task.WhenAll(batch.Select(l => l.FullState)), Task.Delay(TimeSpan.FromSeconds(30)));
    }

    var ready = lists.Count(l => l.FullState.IsCompleted);
    Figures.Result(new()
    {
        ["measure"] = "subscribe", ["subscribers"] = subscribers, ["size"] = size, ["presentities"] = count, ["failed"] = failed,
        ["with_full_state"] = ready, ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
        ["per_s"] = Math.Round(subscribers / clock.Elapsed.TotalSeconds), ["subscribe_retransmissions"] = lists.Sum(l => l.RequestRetransmissions),
        ["client_cpu_cores"] = cpu.Cores,
    });
    Figures.Phase("subscribed", handshake);
    await Task.Delay(2000);

    var order = Enumerable.Range(0, count).OrderBy(_ => random.Next()).ToArray();
    var next = 0;
    foreach (var rate in Numbers("--rates", "100 500"))
    {
        Figures.Phase($"rate {rate.ToString(CultureInfo.InvariantCulture)}", handshake);
        journal.StartPhase(seconds + 15);
        var retransmitted = lists.Sum(l => l.NotifyRetransmissions);
        cpu = new Figures.ClientCpu();
        clock = Stopwatch.StartNew();
        var offered = 0;
        var sent = 0;
        var busy = 0;
        var publishing = new List<Task<bool>>();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            // Open loop: each due slot goes to the next presentity in turn; one whose last PUBLISH is still unanswered is
            // skipped (an offered PUBLISH not sent, counted), so an overloaded node slows nothing down here.
            for (var due = (int)(clock.Elapsed.TotalSeconds * rate); offered < due; offered++)
            {
                var resource = resources[order[next++ % order.Length]];
                if (resource.Busy)
                {
                    busy++;
                    continue;
                }

                publishing.Add(PublishChangeAsync(resource, journal.Next(resource.Index)));
                sent++;
            }

            await Task.Delay(2);
        }

        var publishSeconds = clock.Elapsed.TotalSeconds;
        var publishCpu = cpu.Cores;
        Figures.Phase("drain", false);
        var answers = await Task.WhenAll(publishing);
        await Task.Delay(10_000); // the drain: NOTIFYs still on their way are counted, and the last state checked
        var latencies = journal.Latencies();
        var stale = lists.Sum(l => l.Stale());
        var perSecond = journal.PerSecond();
        Figures.Result(new()
        {
            ["measure"] = "load", ["rate"] = rate, ["seconds"] = Math.Round(publishSeconds, 1), ["subscribers"] = subscribers, ["size"] = size,
            ["publishes"] = sent, ["publish_per_s"] = Math.Round(sent / publishSeconds), ["publish_failures"] = answers.Count(a => !a),
            ["skipped_busy"] = busy, ["publish_p50_ms"] = Figures.At(journal.PublishTimes(), 0.5), ["publish_p99_ms"] = Figures.At(journal.PublishTimes(), 0.99),
            ["expected_resource_updates"] = journal.ExpectedUpdates, ["delivered_resource_updates"] = latencies.Count,
            ["notifies"] = journal.Notifies, ["notifies_per_s"] = Math.Round(journal.Notifies / publishSeconds),
            ["notifies_per_s_steady"] = seconds > 4 ? Math.Round(perSecond[2..(seconds - 1)].Average()) : null,
            ["notify_datagram_bytes_mean"] = journal.Notifies == 0 ? 0 : Math.Round(journal.NotifyBytes / (double)journal.Notifies),
            ["latency_p50_ms"] = Figures.At(latencies, 0.5), ["latency_p90_ms"] = Figures.At(latencies, 0.9),
            ["latency_p99_ms"] = Figures.At(latencies, 0.99), ["latency_max_ms"] = latencies.Count > 0 ? Math.Round(latencies[^1], 1) : null,
            ["stale_pairs_after_drain"] = stale, ["notify_retransmissions"] = lists.Sum(l => l.NotifyRetransmissions) - retransmitted,
            ["terminated"] = lists.Count(l => l.Terminated), ["client_cpu_cores"] = publishCpu, ["notifies_per_second"] = perSecond,
        });
    }

    return 0;

    async Task<bool> PublishChangeAsync(Resource resource, int seq)
    {
        var answered = Stopwatch.GetTimestamp();
        var ok = await resource.PublishAsync(PublishJournal.Note(seq));
        journal.Answered(seq, ok, SipParty.Ms(answered, Stopwatch.GetTimestamp()), resource.Listed);
        return ok;
    }
}

// In service mode: the lists written to --lists-file (watcher AOR, service URI, resource URIs; tab-separated), then
// "@wait lists" (with --handshake) so that the runner installs them before anyone subscribes.
void Lists(IEnumerable<ListSubscriber> subscribers)
{
    if (!service)
    {
        return;
    }

    var path = Option("--lists-file", "rls-lists.tsv");
    File.WriteAllLines(path, subscribers.Select(l => string.Join('\t', [l.From, l.Target, .. l.ResourceUris])));
    Console.WriteLine($"lists written to {path}");
    Figures.Phase("lists", handshake);
}
