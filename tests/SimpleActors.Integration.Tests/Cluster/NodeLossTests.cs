using System.Diagnostics;
using SimpleActors.Sip.Message;
using Xunit.Abstractions;

namespace SimpleActors.Integration.Tests.Cluster;

/// <summary>
/// Three node processes on one PostgreSQL database; the node holding a presentity and its watcher's subscription is
/// killed with SIGKILL. The entities restart on the survivors from the journal, the next PUBLISH reaches the watcher in
/// the same dialog with a higher CSeq, and nothing that had been answered 2xx is lost.
/// </summary>
[Collection(ClusterProcesses.Name)]
public sealed class NodeLossTests(ITestOutputHelper output)
{
    private sealed record Pair(TestPhone Presentity, TestPhone Watcher, string Note, string ETag, string SubscriptionId, uint LastCSeq);

    [SkippableFact]
    public async Task After_a_sigkill_the_entities_restart_on_the_survivors_and_nothing_answered_2xx_is_lost()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var entry = cluster[1]; // every phone talks to node 1, which is never killed
        var phones = new List<TestPhone>();
        try
        {
            // Registrations, answered 200.
            var registered = new List<TestPhone>();
            for (var i = 0; i < 20; i++)
            {
                var phone = TestPhone.Udp($"sip:user{i}@example.com", entry.Udp);
                phones.Add(phone);
                Assert.Equal(200, (await phone.RegisterAsync(null)).StatusCode);
                registered.Add(phone);
            }

            // Presentities with a watcher each, until one pair has both entities on the same node other than node 1.
            var pairs = new List<Pair>();
            string? victimAddress = null;
            Pair? colocated = null;
            var homes = new List<string>(); // where each pair's entities were found, for the failure message
            // New shards are allocated in turn to the node with the fewest, region by region, so a presentity's shard and
            // its watcher's can land on different nodes pair after pair: a subscription that did not land with its
            // presentity is ended and another watcher tries (a new dialog, a new subscription shard), up to three times;
            // each presentity keeps one watcher.
            for (var i = 0; i < 40 && colocated is null; i++)
            {
                var presentity = TestPhone.Udp($"sip:p{i}@example.com", entry.Udp);
                phones.Add(presentity);
                var note = $"p{i} before the kill";
                var published = await LabPresence.PublishAsync(presentity, note, expires: 3600);
                Assert.Equal(200, published.StatusCode);
                var presentityHome = await entry.LocateAsync("presentity", presentity.Aor);
                for (var k = 0; k < 3 && colocated is null; k++)
                {
                    var watcher = TestPhone.Udp($"sip:w{i}x{k}@example.com", entry.Udp);
                    phones.Add(watcher);
                    var subscribed = await LabPresence.SubscribeAsync(watcher, presentity.Aor, 3600);
                    Assert.Equal(200, subscribed.StatusCode);
                    var first = await LabPresence.NotifyWithAsync(watcher, note);
                    var pair = new Pair(presentity, watcher, note, published.SipETag!, subscribed.To!.Tag!, first.CSeq!.Number);

                    var subscriptionHome = await entry.LocateAsync("subscription", pair.SubscriptionId);
                    homes.Add($"{presentity.User}/{watcher.User}: presentity on {presentityHome ?? "?"}, subscription on {subscriptionHome ?? "?"}");
                    if (presentityHome is not null && presentityHome == subscriptionHome && presentityHome != entry.Address)
                    {
                        victimAddress = presentityHome;
                        colocated = pair;
                    }

                    if (colocated is not null || k == 2)
                    {
                        pairs.Add(pair);
                        continue;
                    }

                    Assert.Equal(200, (await LabPresence.SubscribeAsync(watcher, presentity.Aor, 0, subscribed.To!.Tag)).StatusCode);
                    await LabPresence.NotifyAsync(watcher); // the final NOTIFY of the ended try
                }
            }

            Assert.True(colocated is not null, $"no pair with both entities on one node other than {entry.Address}:\n{string.Join('\n', homes)}");
            var victim = cluster.Nodes.Single(n => n.Address == victimAddress);

            // SIGKILL, then the next PUBLISH of the pair whose entities were there, until it is answered 200.
            var clock = Stopwatch.StartNew();
            await victim.KillAsync();
            var afterNote = "after the kill";
            SipResponse modified;
            while (true)
            {
                try
                {
                    modified = await LabPresence.PublishAsync(colocated.Presentity, afterNote, colocated.ETag, expires: 3600);
                    if (modified.StatusCode == 200)
                    {
                        break;
                    }

                    output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: PUBLISH answered {modified.StatusCode}");
                }
                catch (TimeoutException)
                {
                    output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: PUBLISH had no final response");
                }

                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), cluster.Logs());
            }

            var notify = await LabPresence.NotifyWithAsync(colocated.Watcher, afterNote, TimeSpan.FromSeconds(60));
            var recovery = clock.Elapsed;
            var message = $"SIGKILL of {victim.Name} to the first successful NOTIFY: {recovery.TotalSeconds:F1} s";
            output.WriteLine(message);
            Console.WriteLine(message);

            Assert.Equal(colocated.Watcher.CallId, notify.CallId);
            Assert.Equal(colocated.SubscriptionId, notify.From!.Tag);
            Assert.True(notify.CSeq!.Number > colocated.LastCSeq);
            Assert.Equal(victim.Address, victimAddress);
            Assert.False(victim.IsRunning);

            // Every registration is still there.
            foreach (var phone in registered)
            {
                var query = await phone.RequestAsync("REGISTER", "sip:example.com", $"<{phone.Aor}>");
                Assert.Equal(200, query.StatusCode);
                Assert.Contains(phone.ContactUri, query.Contacts.Select(c => c.Address!.Uri.ToString()));
            }

            // Every publication is still there: a new watcher of each presentity sees its last published document.
            await using var checker = TestPhone.Udp("sip:checker@example.com", entry.Udp);
            foreach (var pair in pairs)
            {
                var expected = pair == colocated ? afterNote : pair.Note;
                var subscribed = await LabPresence.SubscribeAsync(checker, pair.Presentity.Aor, 60);
                Assert.Equal(200, subscribed.StatusCode);
                var current = await LabPresence.NotifyAsync(checker);
                Assert.Contains(expected, LabPresence.Body(current), StringComparison.Ordinal);
                Assert.Equal(200, (await LabPresence.SubscribeAsync(checker, pair.Presentity.Aor, 0, subscribed.To!.Tag)).StatusCode);
                await LabPresence.NotifyAsync(checker);
            }

            // Every subscription is still there: each watcher gets the next change in its own dialog.
            foreach (var pair in pairs.Where(p => p != colocated))
            {
                var change = $"{pair.Presentity.User} after the kill";
                Assert.Equal(200, (await LabPresence.PublishAsync(pair.Presentity, change, pair.ETag, expires: 3600)).StatusCode);
                var next = await LabPresence.NotifyWithAsync(pair.Watcher, change);
                Assert.Equal(pair.SubscriptionId, next.From!.Tag);
                Assert.True(next.CSeq!.Number > pair.LastCSeq);
            }
        }
        finally
        {
            foreach (var phone in phones)
            {
                await phone.DisposeAsync();
            }
        }
    }
}
