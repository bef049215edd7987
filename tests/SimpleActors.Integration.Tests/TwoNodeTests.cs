using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using SimpleActors.Integration.Tests.Transports;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// Two nodes in one cluster on one journal: a message for a client connected to one node, sent by the other,
/// leaves through the edge that owns the client's connection, and the answer finds its way back.
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private TestNode first = null!;
    private TestNode second = null!;

    public async Task InitializeAsync()
    {
        first = await TestNode.StartAsync();
        second = await TestNode.StartAsync(joining: first);
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    [Fact]
    public async Task Message_through_one_node_reaches_a_tcp_client_of_the_other_over_its_own_connection()
    {
        // Bob is connected to the first node over TCP; a new connection to his ephemeral port would fail.
        await using var bob = await TestPhone.TcpAsync("sip:bob@example.com", first.Tcp);
        Assert.Equal(200, (await bob.RegisterAsync("bob-pw")).StatusCode);
        await using var alice = TestPhone.Udp("sip:alice@example.com", second.Udp);

        var sending = alice.MessageAsync("sip:bob@example.com", "across the cluster", "alice-pw");
        var delivered = await bob.NextRequestAsync();
        await bob.ReplyAsync(delivered, 200);

        Assert.Equal("across the cluster", Encoding.UTF8.GetString(delivered.Body.Span));
        Assert.Contains(delivered.TopVia!.Parameters["sa-node"], new[] { TokenOf(second) });
        Assert.Equal(200, (await sending).StatusCode);
    }

    [Fact]
    public async Task Xcap_documents_are_the_same_through_either_node_and_their_rules_end_a_subscription_made_through_the_other()
    {
        var throughFirst = new Xcap.XcapCurl(first.Edge.XcapRoots[0], "alice", "alice-pw");
        var throughSecond = new Xcap.XcapCurl(second.Edge.XcapRoots[0], "alice", "alice-pw");
        await using var bob = TestPhone.Udp("sip:bob@example.com", first.Udp);
        var subscribed = await bob.RequestAsync(
            "SUBSCRIBE", "sip:alice@example.com", "<sip:alice@example.com>", null, "bob-pw", "Event: presence", $"Contact: <{bob.ContactUri}>", "Expires: 600");
        var active = await bob.NextRequestAsync();
        await bob.ReplyAsync(active, 200);

        var put = await throughSecond.SendAsync(
            "PUT", "pres-rules/users/sip:alice@example.com/index", "application/auth-policy+xml",
            """<cp:ruleset xmlns:cp="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules"><cp:rule id="no-bob"><cp:conditions><cp:identity><cp:one id="sip:bob@example.com"/></cp:identity></cp:conditions><cp:actions><pr:sub-handling>block</pr:sub-handling></cp:actions></cp:rule></cp:ruleset>""");
        var rejected = await bob.NextRequestAsync();
        await bob.ReplyAsync(rejected, 200);
        var get = await throughFirst.SendAsync("GET", "pres-rules/users/sip:alice@example.com/index");

        Assert.True(subscribed.IsSuccess);
        Assert.StartsWith("active", active.Headers.GetFirstValue(KnownHeader.SubscriptionState), StringComparison.Ordinal);
        Assert.Equal(201, put.Status);
        Assert.Equal("terminated;reason=rejected", rejected.Headers.GetFirstValue(KnownHeader.SubscriptionState));
        Assert.Equal(200, get.Status);
        Assert.Equal(put.ETag, get.ETag);
        Assert.Contains("no-bob", get.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_service_defined_through_one_node_is_subscribed_through_the_other_and_follows_a_publish_made_through_the_first()
    {
        // The replicated directory of service URIs (Rls.ListServiceDirectory) tells the second node's router it is a list.
        var throughFirst = new Xcap.XcapCurl(first.Edge.XcapRoots[0], "alice", "alice-pw");
        var defined = await throughFirst.SendAsync(
            "PUT", "rls-services/users/sip:alice@example.com/index", "application/rls-services+xml",
            """<rls-services xmlns="urn:ietf:params:xml:ns:rls-services" xmlns:rl="urn:ietf:params:xml:ns:resource-lists"><service uri="sip:alice-team@example.com"><list><rl:entry uri="sip:bob@example.com"/></list><packages><package>presence</package></packages></service></rls-services>""");
        await using var alice = await TestPhone.TcpAsync("sip:alice@example.com", second.Tcp);

        var subscribed = await alice.RequestAsync(
            "SUBSCRIBE", "sip:alice-team@example.com", "<sip:alice-team@example.com>", null, "alice-pw", "Event: presence", $"Contact: <{alice.ContactUri}>",
            "Supported: eventlist", "Accept: multipart/related, application/rlmi+xml, application/pidf+xml", "Expires: 600");
        var full = await alice.NextRequestAsync();
        await alice.ReplyAsync(full, 200);
        await using var bob = TestPhone.Udp("sip:bob@example.com", first.Udp);
        var published = await bob.RequestAsync(
            "PUBLISH", "sip:bob@example.com", "<sip:bob@example.com>",
            """<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:bob@example.com"><tuple id="t"><status><basic>open</basic></status><note>across</note></tuple></presence>""",
            "bob-pw", "Event: presence", "Content-Type: application/pidf+xml");
        var change = await alice.NextRequestAsync();
        await alice.ReplyAsync(change, 200);

        Assert.Equal(201, defined.Status);
        Assert.True(subscribed.IsSuccess, subscribed.ToString());
        Assert.Equal("eventlist", subscribed.Headers.GetFirstValue(KnownHeader.Require));
        Assert.Contains("fullState=\"true\"", Encoding.UTF8.GetString(full.Body.Span), StringComparison.Ordinal);
        Assert.True(published.IsSuccess);
        Assert.Contains("across", Encoding.UTF8.GetString(change.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_node_owning_a_udp_flow_is_gone_the_message_goes_out_from_the_other_node()
    {
        await using var bob = TestPhone.Udp("sip:bob@example.com", first.Udp);
        Assert.Equal(200, (await bob.RegisterAsync("bob-pw")).StatusCode);

        await first.StopAsync(); // leaves the cluster; its shards move to the second node
        await using var alice = TestPhone.Udp("sip:alice@example.com", second.Udp);
        var sending = alice.MessageAsync("sip:bob@example.com", "still here?", "alice-pw");
        var delivered = await bob.NextRequestAsync(TimeSpan.FromSeconds(60));
        await bob.ReplyAsync(delivered, 200);

        Assert.Equal("still here?", Encoding.UTF8.GetString(delivered.Body.Span));
        Assert.Equal(200, (await sending).StatusCode);
    }

    [Fact]
    public async Task A_websocket_watcher_with_an_invalid_contact_gets_its_notifies_from_a_subscription_hosted_on_the_other_node()
    {
        // RFC 7118 section 5: the watcher's Contact is a .invalid host; only its connection to the first node reaches it.
        await using var bob = await TestPhone.WebSocketAsync("sip:bob@example.com", first.Ws);
        await using var alice = TestPhone.Udp("sip:alice@example.com", second.Udp);
        var published = await WebSocketTests.Presence.PublishAsync(alice, "before");
        var (subscribed, home) = await SubscriptionAwayFromAsync(bob, alice.Aor, first);
        await WebSocketTests.Presence.NotifyWithAsync(bob, "before");

        var changed = await WebSocketTests.Presence.PublishAsync(alice, "changed on the second node", published.SipETag);
        var notify = await WebSocketTests.Presence.NotifyWithAsync(bob, "changed on the second node");

        Assert.Equal(200, changed.StatusCode);
        Assert.Equal(second.Address, home);
        Assert.Contains(".invalid", bob.ContactUri, StringComparison.Ordinal);
        Assert.Equal(subscribed.To!.Tag, notify.From!.Tag);
        // Sent over the first node's WebSocket, the one that holds the watcher's flow.
        Assert.Equal("WS", notify.TopVia!.Transport);
        Assert.Equal(TokenOf(first), notify.TopVia.Parameters["sa-node"]);
    }

    /// <summary>
    /// A subscription of <paramref name="watcher"/> to <paramref name="presentity"/> whose entity is not on
    /// <paramref name="avoid"/>: each new SUBSCRIBE gets a new id (our To-tag), so a new shard; one on
    /// <paramref name="avoid"/> is ended (its NOTIFYs answered) and another tried.
    /// </summary>
    private static async Task<(SipResponse Subscribed, string Home)> SubscriptionAwayFromAsync(TestPhone watcher, string presentity, TestNode avoid)
    {
        using var http = new HttpClient { BaseAddress = avoid.Admin };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestNode.AdminToken);
        for (var i = 0; i < 30; i++)
        {
            var subscribed = await WebSocketTests.Presence.SubscribeAsync(watcher, presentity);
            Assert.Equal(200, subscribed.StatusCode);
            var location = JsonSerializer.Deserialize<JsonElement>(
                await http.GetStringAsync(new Uri($"/v1/cluster/locate/subscription/{Uri.EscapeDataString(subscribed.To!.Tag!)}", UriKind.Relative)));
            var home = location.GetProperty("node").GetString();
            if (home is not null && home != avoid.Address)
            {
                return (subscribed, home);
            }

            await watcher.ReplyAsync(await watcher.NextRequestAsync(), 200); // its first NOTIFY
            await watcher.RequestAsync(
                "SUBSCRIBE", presentity, $"<{presentity}>;tag={subscribed.To.Tag}", null, TestNode.Passwords[watcher.Aor],
                "Event: presence", $"Contact: <{watcher.ContactUri}>", "Expires: 0");
            await watcher.ReplyAsync(await watcher.NextRequestAsync(), 200); // its final NOTIFY
        }

        Assert.Fail($"30 subscriptions all live on {avoid.Address}");
        return default;
    }

    private static string TokenOf(TestNode node) => Edge.Transport.EdgeRelay.TokenOf(node.Address);
}
