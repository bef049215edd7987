using System.Text;
using SimpleActors.Engine.Persistence;
using SimpleActors.Node.Commands;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// A presence session recorded over real sockets, then replayed from the journal by <c>simpleactors history --at</c>:
/// at the instant of every NOTIFY the watcher received, the replayed document is the NOTIFY's body, byte for byte.
/// </summary>
public sealed class HistoryReplayTests : IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync(
        auth: false, new Dictionary<string, string?> { ["Presence:Publication:MinExpires"] = "1", ["Presence:Subscription:MinNotifyInterval"] = "00:00:00" });

    public async Task DisposeAsync() => await node.DisposeAsync();

    private static string Pidf(string entity, string tuple, string basic, string note) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="{entity}"><tuple id="{tuple}"><status><basic>{basic}</basic></status><note>{note}</note></tuple></presence>""";

    private static Task<SipResponse> PublishAsync(TestPhone phone, string body, int expires, string? ifMatch = null)
    {
        List<string> headers = ["Event: presence", $"Expires: {expires}", "Content-Type: application/pidf+xml"];
        if (ifMatch is not null)
        {
            headers.Add($"SIP-If-Match: {ifMatch}");
        }

        return phone.RequestAsync("PUBLISH", phone.Aor, $"<{phone.Aor}>", body, null, [.. headers]);
    }

    [Fact]
    public async Task The_document_replayed_at_each_notify_is_the_body_the_watcher_received()
    {
        await using var desk = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var mobile = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);
        var received = new List<(DateTimeOffset At, string Body)>();

        async Task NotifyAsync()
        {
            var notify = await bob.NextRequestAsync();
            received.Add((DateTimeOffset.UtcNow, Encoding.UTF8.GetString(notify.Body.Span)));
            await bob.ReplyAsync(notify, 200);
        }

        var opened = await PublishAsync(desk, Pidf(desk.Aor, "desk", "open", "at my desk"), 600);
        Assert.Equal(200, (await bob.RequestAsync(
            "SUBSCRIBE", desk.Aor, $"<{desk.Aor}>", null, null, "Event: presence", $"Contact: <{bob.ContactUri}>", "Expires: 600")).StatusCode);
        await NotifyAsync();
        Assert.Equal(200, (await PublishAsync(desk, Pidf(desk.Aor, "desk", "open", "in a meeting"), 600, opened.SipETag)).StatusCode);
        await NotifyAsync();
        Assert.Equal(200, (await PublishAsync(mobile, Pidf(mobile.Aor, "mobile", "open", "on the road"), 2)).StatusCode);
        await NotifyAsync();
        await NotifyAsync(); // the mobile publication expires after 2 s: watchers are told at once (RFC 3903 section 4.1)

        var store = JournalStore.From(new PersistenceOptions(), Path.Combine(node.Folder, "data"));
        foreach (var (at, body) in received)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await HistoryCommand.RunAsync(store, new HistoryRequest(desk.Aor, null, null, at, false, false), output, error, CancellationToken.None);

            Assert.Equal(HistoryCommand.Ok, exit);
            Assert.Equal(body, output.ToString().TrimEnd('\r', '\n'));
        }

        Assert.Contains("on the road", received[2].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("on the road", received[3].Body, StringComparison.Ordinal);
        Assert.Equal(received[1].Body, received[3].Body); // after the expiry, the desk's document alone again
        Assert.Equal(3, received.Select(r => r.Body).Distinct().Count());

        using var table = new StringWriter();
        Assert.Equal(HistoryCommand.Ok, await HistoryCommand.RunAsync(
            store, new HistoryRequest(desk.Aor, null, null, null, false, false), table, TextWriter.Null, CancellationToken.None));
        Assert.Contains("PublicationAdded", table.ToString(), StringComparison.Ordinal);
        Assert.Contains("in a meeting", table.ToString(), StringComparison.Ordinal);
        Assert.Contains("expired", table.ToString(), StringComparison.Ordinal);
    }
}
