using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// The Prometheus scrape of a real node (docs/operations.md, "Metrics") after REGISTER, PUBLISH and SUBSCRIBE over real
/// UDP: read without the admin token, and every family the issue asks for is in it with the values the traffic made.
/// </summary>
[Collection(MetricsRunAlone.Name)]
public sealed partial class MetricsTests : IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task The_scrape_without_a_token_shows_the_sip_traffic_the_entities_the_journal_and_the_cluster()
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);
        Assert.Equal(200, (await alice.RegisterAsync("alice-pw", expires: 600)).StatusCode);
        var pidf = $"""<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="{alice.Aor}"><tuple id="t1"><status><basic>open</basic></status></tuple></presence>""";
        var published = await alice.RequestAsync(
            "PUBLISH", alice.Aor, $"<{alice.Aor}>", pidf, "alice-pw", "Event: presence", "Expires: 600", "Content-Type: application/pidf+xml");
        var subscribed = await bob.RequestAsync(
            "SUBSCRIBE", alice.Aor, $"<{alice.Aor}>", null, "bob-pw",
            "Event: presence", "Accept: application/pidf+xml", $"Contact: <{bob.ContactUri}>", "Expires: 600");
        var notify = await bob.NextRequestAsync();
        await bob.ReplyAsync(notify, 200);
        Assert.Equal((200, 200, "NOTIFY"), (published.StatusCode, subscribed.StatusCode, notify.Method));
        var stored = await bob.RequestAsync("MESSAGE", "sip:carol@example.com", "<sip:carol@example.com>", "see you at 3", "bob-pw", "Content-Type: text/plain");
        Assert.Equal(202, stored.StatusCode); // carol is not registered: the message waits in her mailbox (RFC 3428 section 7)

        // The NOTIFY's latency is recorded when its 200 reaches the subscription; the exporter caches a scrape 300 ms.
        string scrape = string.Empty;
        var deadline = DateTime.UtcNow + TestNode.Timeout;
        using var http = new HttpClient();
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync(new Uri(node.Admin, "/metrics"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            scrape = await response.Content.ReadAsStringAsync();
            if (Value(scrape, "sip_notify_latency_milliseconds_count", "event=\"presence\"") >= 1)
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.True(Value(scrape, "sip_requests_total", "method=\"REGISTER\"") >= 2); // the challenged one and the answered one
        Assert.True(Value(scrape, "sip_requests_total", "method=\"PUBLISH\"") >= 1);
        Assert.True(Value(scrape, "sip_responses_total", "direction=\"sent\"", "method=\"REGISTER\"", "status=\"200\"") >= 1);
        Assert.True(Value(scrape, "sip_responses_total", "direction=\"sent\"", "method=\"REGISTER\"", "status=\"401\"") >= 1);
        Assert.True(Value(scrape, "sip_responses_total", "direction=\"received\"", "method=\"NOTIFY\"", "status=\"200\"") >= 1);
        Assert.True(Value(scrape, "simpleactors_registrations_active") >= 1);
        Assert.True(Value(scrape, "simpleactors_publications_active") >= 1);
        Assert.True(Value(scrape, "simpleactors_subscriptions_active") >= 1);
        Assert.True(Value(scrape, "simpleactors_messages_stored") >= 1);
        Assert.True(Value(scrape, "sip_notify_sent_total", "event=\"presence\"") >= 1);
        Assert.True(Value(scrape, "sip_notify_latency_milliseconds_count", "event=\"presence\"") >= 1);
        Assert.True(Value(scrape, "simpleactors_journal_write_duration_milliseconds_count", "outcome=\"committed\"") >= 1);
        Assert.Contains("simpleactors_journal_write_duration_milliseconds_bucket{", scrape, StringComparison.Ordinal);
        Assert.Equal(1, Value(scrape, "simpleactors_cluster_members", "status=\"Up\""));
        Assert.Equal(0, Value(scrape, "simpleactors_cluster_unreachable"));
    }

    [Fact]
    public async Task The_rest_of_the_admin_endpoint_still_wants_the_token()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(node.Admin, "/v1/cluster/members"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>The value of the one sample of <paramref name="family"/> whose labels include all of <paramref name="labels"/>; NaN if none.</summary>
    private static double Value(string scrape, string family, params string[] labels)
    {
        var matching = scrape.Split('\n')
            .Select(line => SampleLine().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == family && labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
            .ToList();
        return matching.Count == 1 ? matching[0] : double.NaN;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)")]
    private static partial Regex SampleLine();
}
