using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SimpleActors.Engine.Persistence;
using SimpleActors.Node.Commands;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// A presence session recorded over real sockets (publish open, note changes, a second device, its expiry, a watcher
/// held pending, approved by the owner, then gone), then replayed from the journal by <c>simpleactors history --at</c>:
/// at the instant of every NOTIFY with a document, the replayed document is the NOTIFY's body, byte for byte. On SQLite
/// and on PostgreSQL.
/// </summary>
public sealed class HistoryReplayTests
{
    private static string Pidf(string entity, string tuple, string note) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="{entity}"><tuple id="{tuple}"><status><basic>open</basic></status><note>{note}</note></tuple></presence>""";

    private static Task<SipResponse> PublishAsync(TestPhone phone, string body, int expires, string? ifMatch = null)
    {
        List<string> headers = ["Event: presence", $"Expires: {expires}", "Content-Type: application/pidf+xml"];
        if (ifMatch is not null)
        {
            headers.Add($"SIP-If-Match: {ifMatch}");
        }

        return phone.RequestAsync("PUBLISH", phone.Aor, $"<{phone.Aor}>", body, null, [.. headers]);
    }

    private static Task<SipResponse> SubscribeAsync(TestPhone watcher, string presentity, int expires, string? toTag = null) =>
        watcher.RequestAsync(
            "SUBSCRIBE", presentity, toTag is null ? $"<{presentity}>" : $"<{presentity}>;tag={toTag}", null, null,
            "Event: presence", $"Contact: <{watcher.ContactUri}>", $"Expires: {expires}");

    [SkippableTheory]
    [InlineData(PersistenceProvider.Sqlite)]
    [InlineData(PersistenceProvider.PostgreSql)]
    public async Task The_document_replayed_at_each_notify_is_the_body_the_watcher_received(PersistenceProvider provider)
    {
        await using var database = await HistoryDatabase.CreateAsync(provider);
        var settings = database.NodeSettings(new Dictionary<string, string?>
        {
            ["Presence:Publication:MinExpires"] = "1",
            ["Presence:Subscription:MinNotifyInterval"] = "00:00:00",
        });

        await using var node = await TestNode.StartAsync(auth: false, settings);
        await using var desk = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var mobile = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);
        await using var carol = TestPhone.Udp("sip:carol@example.org", node.Udp);
        var received = new List<(DateTimeOffset At, string Body)>();
        var notifies = new List<(string Subscription, uint CSeq, string? Digest)>();

        async Task<SipRequest> NotifyAsync(TestPhone watcher)
        {
            var notify = await watcher.NextRequestAsync();

            // As an operator would check a body against the journal: sha256sum, its first 16 hex digits.
            notifies.Add((notify.From!.Tag!, notify.CSeq!.Number, notify.Body.IsEmpty ? null : Convert.ToHexStringLower(SHA256.HashData(notify.Body.Span))[..16]));
            if (!notify.Body.IsEmpty)
            {
                received.Add((DateTimeOffset.UtcNow, Encoding.UTF8.GetString(notify.Body.Span)));
            }

            await watcher.ReplyAsync(notify, 200);
            return notify;
        }

        var opened = await PublishAsync(desk, Pidf(desk.Aor, "desk", "at my desk"), 600);
        var subscribed = await SubscribeAsync(bob, desk.Aor, 600);
        Assert.Equal(200, subscribed.StatusCode);
        await NotifyAsync(bob);
        Assert.Equal(200, (await PublishAsync(desk, Pidf(desk.Aor, "desk", "in a meeting"), 600, opened.SipETag)).StatusCode);
        await NotifyAsync(bob);
        Assert.Equal(200, (await PublishAsync(mobile, Pidf(mobile.Aor, "mobile", "on the road"), 2)).StatusCode);
        await NotifyAsync(bob);
        await NotifyAsync(bob); // the mobile publication expires after 2 s: watchers are told at once (RFC 3903 section 4.1)

        // A watcher of another domain waits for the owner (202, a NOTIFY without state), is approved, then leaves.
        var pending = await SubscribeAsync(carol, desk.Aor, 600);
        var waiting = await NotifyAsync(carol);
        using (var quiet = new StringWriter())
        {
            Assert.Equal(0, await PresenceCommand.AuthorizeAsync(
                node.Admin, TestNode.AdminToken, desk.Aor, carol.Aor, "allow", quiet, quiet, CancellationToken.None));
        }

        var approved = await NotifyAsync(carol);
        var unsubscribed = await SubscribeAsync(carol, desk.Aor, 0, pending.To!.Tag);
        Assert.Equal(200, unsubscribed.StatusCode);
        await NotifyAsync(carol);

        var store = database.StoreOf(node);
        foreach (var (at, body) in received)
        {
            using var output = new StringWriter();
            var exit = await HistoryCommand.RunAsync(store, new HistoryRequest(desk.Aor, null, null, at, false, false), output, TextWriter.Null, CancellationToken.None);

            Assert.Equal(HistoryCommand.Ok, exit);
            Assert.Equal(body, output.ToString().TrimEnd('\r', '\n'));
        }

        Assert.Equal(202, pending.StatusCode);
        Assert.StartsWith("pending", waiting.Headers.GetFirstValue(KnownHeader.SubscriptionState), StringComparison.Ordinal);
        Assert.Contains("in a meeting", Encoding.UTF8.GetString(approved.Body.Span), StringComparison.Ordinal);
        Assert.Contains("on the road", received[2].Body, StringComparison.Ordinal);
        Assert.Equal(received[1].Body, received[3].Body); // after the expiry, the desk's document alone again
        Assert.True(received.Count >= 6, $"{received.Count} NOTIFYs with a document");

        // Carol's subscription's own life: created pending, approved by the owner, ended by her unsubscribe.
        using var life = new StringWriter();
        Assert.Equal(HistoryCommand.Ok, await HistoryCommand.RunSubscriptionAsync(store, pending.To!.Tag!, json: true, life, TextWriter.Null, CancellationToken.None));
        var lines = life.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(
            ["SubscriptionCreated", "NotifyIssued", "SubscriptionAuthorized", "NotifyIssued", "SubscriptionRefreshed", "NotifyIssued", "SubscriptionTerminated"],
            lines.Select(l => l.GetProperty("event").GetString()));
        Assert.Equal("pending", lines[0].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("digest").ValueKind); // pending: a NOTIFY without state
        Assert.Equal("active", lines[2].GetProperty("status").GetString());
        Assert.Equal("timeout", lines[^1].GetProperty("reason").GetString());

        // Every NOTIFY either watcher received is in its subscription's history with its CSeq and its body's digest.
        foreach (var subscription in notifies.Select(n => n.Subscription).Distinct())
        {
            using var notified = new StringWriter();
            Assert.Equal(HistoryCommand.Ok, await HistoryCommand.RunSubscriptionAsync(store, subscription, json: true, notified, TextWriter.Null, CancellationToken.None));
            var journaled = notified.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
                .Where(l => l.GetProperty("event").GetString() == "NotifyIssued")
                .Select(l => (subscription, l.GetProperty("cseq").GetUInt32(), l.GetProperty("digest").GetString()))
                .ToList();
            Assert.Equal(notifies.Where(n => n.Subscription == subscription), journaled);
        }

        Assert.Equal(7, notifies.Count);

        using var table = new StringWriter();
        Assert.Equal(HistoryCommand.Ok, await HistoryCommand.RunAsync(
            store, new HistoryRequest(desk.Aor, null, null, null, false, true), table, TextWriter.Null, CancellationToken.None));
        var rows = table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(
            ["PublicationAdded", "WatcherAdded", "PublicationModified", "PublicationAdded", "PublicationRemoved", "WatcherAdded", "OwnerDocumentSet", "WatcherRemoved"],
            rows.Select(r => r.GetProperty("event").GetString()).Where(e => e is not ("WatcherStatusChanged" or "WatcherStatusesChanged")));

        // Each watcher event names the SUBSCRIBE that caused it: Call-ID and CSeq as sent.
        var watcherEvents = rows.Where(r => r.GetProperty("event").GetString() is "WatcherAdded" or "WatcherRemoved").Select(r => r.GetProperty("detail").GetString()).ToList();
        Assert.Contains($"{subscribed.CallId} CSeq {subscribed.CSeq!.Number}", watcherEvents[0], StringComparison.Ordinal);
        Assert.Contains($"{pending.CallId} CSeq {pending.CSeq!.Number}", watcherEvents[1], StringComparison.Ordinal);
        Assert.Contains($"{unsubscribed.CallId} CSeq {unsubscribed.CSeq!.Number}", watcherEvents[2], StringComparison.Ordinal);
    }
}
