using System.Text;
using SimpleActors.Presence.Rls;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests.Rls;

/// <summary>
/// Back-end subscriptions end to end over real sockets (RFC 4662 section 4.2): alice's request-contained list names
/// bob of our domain and dave of peer.test, whose presence server is Kamailio (<see cref="PeerPresenceServer"/>); the
/// node subscribes to dave at Kamailio (its outbound proxy) and alice's RLMI shows dave pending, then active with the
/// PIDF dave published there, then dave's change as partial state; when alice leaves, Kamailio sees Expires: 0.
/// </summary>
public sealed class BackendSubscriptionTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const string Alice = "sip:alice@example.com";
    private const string Bob = "sip:bob@example.com";
    private const string Dave = "sip:dave@peer.test";
    private const string Rls = "sip:rls@example.com";

    private PeerPresenceServer peer = null!;
    private TestNode node = null!;

    public async Task InitializeAsync()
    {
        peer = await PeerPresenceServer.StartAsync();
        node = await TestNode.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Presence:Subscription:Lists:OutboundProxy"] = peer.Uri,
            ["Presence:Subscription:MinNotifyInterval"] = "00:00:00",
        });
    }

    public async Task DisposeAsync()
    {
        output.WriteLine(peer.Log); // what the peer saw, for a failure
        await node.DisposeAsync();
        await peer.DisposeAsync();
    }

    private static string Pidf(string entity, string basic, string note) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="{entity}"><tuple id="t1"><status><basic>{basic}</basic></status><note>{note}</note></tuple></presence>""";

    private static async Task<(SipRequest Notify, RlmiList Rlmi, IReadOnlyDictionary<string, string> Parts)> NextAsync(TestPhone phone)
    {
        var notify = await phone.NextRequestAsync(TimeSpan.FromSeconds(15));
        await phone.ReplyAsync(notify, 200);
        if (notify.Body.IsEmpty)
        {
            return (notify, new RlmiList(Rls, 0, false, [], []), new Dictionary<string, string>());
        }

        var body = MultipartRelated.Read(notify.Body.Span, notify.Headers.GetFirstValue(KnownHeader.ContentType)!);
        var rlmi = RlmiReader.Read(body.Parts[0].Body.Span);
        return (notify, rlmi, body.Parts.Skip(1).ToDictionary(p => p.ContentId, p => Encoding.UTF8.GetString(p.Body.Span)));
    }

    private static RlmiInstance? DaveIn(RlmiList rlmi) => rlmi.Resources.FirstOrDefault(r => r.Uri == Dave)?.Instances.SingleOrDefault();

    [Fact]
    public async Task A_resource_of_another_domain_is_subscribed_at_its_presence_server_and_shown_pending_then_active_then_changed_and_unsubscribed()
    {
        await using var dave = TestPhone.Udp(Dave, peer.EndPoint);
        var davePublished = await dave.RequestAsync(
            "PUBLISH", Dave, $"<{Dave}>", Pidf(Dave, "open", "dave here"), null, "Event: presence", "Content-Type: application/pidf+xml", "Expires: 600");
        await using var bob = TestPhone.Udp(Bob, node.Udp);
        var bobPublished = await bob.RequestAsync(
            "PUBLISH", Bob, $"<{Bob}>", Pidf(Bob, "open", "bob here"), TestNode.Passwords[Bob], "Event: presence", "Content-Type: application/pidf+xml");
        await using var alice = await TestPhone.TcpAsync(Alice, node.Tcp);
        const string List = """<?xml version="1.0" encoding="UTF-8"?><resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list><entry uri="sip:bob@example.com"/><entry uri="sip:dave@peer.test"/></list></resource-lists>""";
        string[] listHeaders =
        [
            "Event: presence", $"Contact: <{alice.ContactUri}>", "Accept: multipart/related, application/rlmi+xml, application/pidf+xml", "Supported: eventlist",
            "Require: recipient-list-subscribe", "Content-Type: application/resource-lists+xml", "Content-Disposition: recipient-list", "Expires: 600",
        ];

        var subscribed = await alice.RequestAsync("SUBSCRIBE", Rls, $"<{Rls}>", List, TestNode.Passwords[Alice], listHeaders);
        var (_, first, _) = await NextAsync(alice);

        Assert.True(davePublished.IsSuccess, davePublished.ToString());
        Assert.True(bobPublished.IsSuccess, bobPublished.ToString());
        Assert.True(subscribed.IsSuccess, subscribed.ToString());
        Assert.True(first.FullState);
        Assert.Equal([Bob, Dave], first.Resources.Select(r => r.Uri));
        Assert.Equal(RlmiInstanceState.Pending, DaveIn(first)?.State); // the peer answers after 400 ms (kamailio.cfg)

        // Kamailio's NOTIFY (active, dave's PIDF) reaches the list subscription: dave active with his document.
        var (_, active, activeParts) = await NextAsync(alice);
        for (var more = 0; more < 3 && DaveIn(active)?.State != RlmiInstanceState.Active; more++)
        {
            (_, active, activeParts) = await NextAsync(alice);
        }

        var instance = DaveIn(active)!;
        Assert.Contains("dave here", activeParts[instance.Cid!], StringComparison.Ordinal);
        Assert.Contains($"peer SUBSCRIBE to={Dave}", peer.Log, StringComparison.Ordinal);

        // Dave changes his presence at the peer: a partial RLMI with dave alone (RFC 4662 section 5.6.2).
        var etag = davePublished.Headers.GetFirstValue(KnownHeader.SipETag);
        var changed = await dave.RequestAsync(
            "PUBLISH", Dave, $"<{Dave}>", Pidf(Dave, "closed", "dave away"), null, "Event: presence", "Content-Type: application/pidf+xml",
            "Expires: 600", $"SIP-If-Match: {etag}");
        var (_, partial, partialParts) = await NextAsync(alice);

        Assert.True(changed.IsSuccess, changed.ToString());
        Assert.False(partial.FullState);
        var onlyDave = Assert.Single(partial.Resources);
        Assert.Equal(Dave, onlyDave.Uri);
        Assert.Contains("dave away", partialParts[onlyDave.Instances.Single().Cid!], StringComparison.Ordinal);

        // Alice leaves: her final NOTIFY, and the peer sees the back-end subscription end (Expires: 0, in its dialog).
        var left = await alice.RequestAsync(
            "SUBSCRIBE", Rls, $"<{Rls}>;tag={subscribed.To!.Tag}", null, TestNode.Passwords[Alice], "Event: presence", $"Contact: <{alice.ContactUri}>",
            "Supported: eventlist", "Expires: 0");
        var (final, _, _) = await NextAsync(alice);

        Assert.True(left.IsSuccess, left.ToString());
        Assert.StartsWith("terminated", final.Headers.GetFirstValue(KnownHeader.SubscriptionState), StringComparison.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!peer.Log.Contains("expires=0", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Matches(@"peer SUBSCRIBE to=sip:dave@peer\.test totag=\S+ expires=0", peer.Log);
    }
}
