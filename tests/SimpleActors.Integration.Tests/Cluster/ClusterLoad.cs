using System.Collections.Concurrent;
using System.Globalization;

namespace SimpleActors.Integration.Tests.Cluster;

/// <summary>
/// A steady PUBLISH/SUBSCRIBE load through the edges of some nodes, counting every SIP transaction: a final 2xx is a
/// success, anything else (another status, no final response within Timer F) a failure, kept with what it was.
/// Presentities refresh their publication with a new document (SIP-If-Match, so a lost publication shows as 412);
/// watchers hold subscriptions, refresh them in the dialog (a lost subscription shows as 481), and start new ones; every
/// NOTIFY is answered 200.
/// </summary>
internal sealed class ClusterLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> workers = [];
    private readonly List<TestPhone> phones = [];
    private readonly ConcurrentQueue<string> failures = new();
    private long succeeded;

    private ClusterLoad()
    {
    }

    public long Succeeded => Interlocked.Read(ref succeeded);

    public IReadOnlyCollection<string> Failures => failures;

    /// <summary>Starts <paramref name="pairs"/> presentity/watcher pairs spread over <paramref name="edges"/>.</summary>
    public static ClusterLoad Start(IReadOnlyList<ClusterNodeProcess> edges, int pairs, string prefix)
    {
        var load = new ClusterLoad();
        for (var i = 0; i < pairs; i++)
        {
            var presentity = TestPhone.Udp($"sip:{prefix}-p{i}@example.com", edges[i % edges.Count].Udp);
            var watcher = TestPhone.Udp($"sip:{prefix}-w{i}@example.com", edges[(i + 1) % edges.Count].Udp);
            load.phones.Add(presentity);
            load.phones.Add(watcher);
            load.workers.Add(Task.Run(() => load.PublishLoopAsync(presentity)));
            load.workers.Add(Task.Run(() => load.SubscribeLoopAsync(watcher, presentity.Aor)));
            load.workers.Add(Task.Run(() => load.AnswerLoopAsync(watcher)));
        }

        return load;
    }

    /// <summary>Stops sending, lets the transactions under way finish, and returns.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(workers);
    }

    public string Summary() => string.Create(
        CultureInfo.InvariantCulture, $"{Succeeded} transactions succeeded, {failures.Count} failed{(failures.IsEmpty ? string.Empty : ": " + string.Join("; ", failures.Take(20)))}");

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        foreach (var phone in phones)
        {
            await phone.DisposeAsync();
        }

        stop.Dispose();
    }

    private async Task PublishLoopAsync(TestPhone phone)
    {
        string? etag = null;
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var response = await CountAsync($"PUBLISH {phone.Aor} #{n}", () => LabPresence.PublishAsync(phone, $"note {n}", etag));
            if (response?.StatusCode is >= 200 and < 300)
            {
                etag = response.SipETag;
            }

            await PauseAsync(100);
        }
    }

    private async Task SubscribeLoopAsync(TestPhone watcher, string presentity)
    {
        while (!stop.IsCancellationRequested)
        {
            var subscribed = await CountAsync($"SUBSCRIBE {watcher.Aor}", () => LabPresence.SubscribeAsync(watcher, presentity, 120));
            if (subscribed?.StatusCode is not (>= 200 and < 300))
            {
                await PauseAsync(200);
                continue;
            }

            var tag = subscribed.To!.Tag;
            for (var refresh = 0; refresh < 3 && !stop.IsCancellationRequested; refresh++)
            {
                await PauseAsync(300);
                await CountAsync($"SUBSCRIBE refresh {watcher.Aor} {tag}", () => LabPresence.SubscribeAsync(watcher, presentity, 120, tag));
            }

            await CountAsync($"SUBSCRIBE end {watcher.Aor} {tag}", () => LabPresence.SubscribeAsync(watcher, presentity, 0, tag));
        }
    }

    private async Task AnswerLoopAsync(TestPhone watcher)
    {
        // Until the load has stopped and half a second has passed without a request.
        while (true)
        {
            try
            {
                var request = await watcher.NextRequestAsync(TimeSpan.FromMilliseconds(500));
                await watcher.ReplyAsync(request, 200);
            }
            catch (OperationCanceledException)
            {
                if (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private async Task<Sip.Message.SipResponse?> CountAsync(string what, Func<Task<Sip.Message.SipResponse>> transaction)
    {
        try
        {
            var response = await transaction();
            if (response.StatusCode is >= 200 and < 300)
            {
                Interlocked.Increment(ref succeeded);
            }
            else
            {
                failures.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{what}: {response.StatusCode} {response.ReasonPhrase}"));
            }

            return response;
        }
        catch (TimeoutException e)
        {
            failures.Enqueue($"{what}: {e.Message}");
            return null;
        }
    }

    private async Task PauseAsync(int milliseconds)
    {
        try
        {
            await Task.Delay(milliseconds, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
