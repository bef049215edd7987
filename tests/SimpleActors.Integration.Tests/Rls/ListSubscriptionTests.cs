using System.Text;
using SimpleActors.Integration.Tests.Xcap;
using SimpleActors.Presence.Rls;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests.Rls;

/// <summary>
/// Resource-list subscriptions end to end over real sockets (RFC 4662, RFC 4826, RFC 5367) against a node with the
/// shipped configuration: alice keeps her buddy list and a service of it through XCAP (curl, digest), subscribes to the
/// service, and gets multipart/related NOTIFYs whose RLMI lists every resource first, then only what changed; a change
/// of her rls-services document changes the live subscription; a request-contained list works without any document.
/// </summary>
public sealed class ListSubscriptionTests : IAsyncLifetime
{
    internal const string Alice = "sip:alice@example.com";
    internal const string Bob = "sip:bob@example.com";
    internal const string Carol = "sip:carol@example.com";
    internal const string Buddies = "sip:alice-buddies@example.com";
    private const string ListHeaders = "Accept: multipart/related, application/rlmi+xml, application/pidf+xml";

    private TestNode node = null!;
    private XcapCurl alice = null!;

    public async Task InitializeAsync()
    {
        node = await TestNode.StartAsync();
        alice = new XcapCurl(node.Edge.XcapRoots[0], "alice", TestNode.Passwords[Alice]);
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    private static string Pidf(string entity, string basic, string note) =>
        $"""<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="{entity}"><tuple id="t1"><status><basic>{basic}</basic></status><note>{note}</note></tuple></presence>""";

    /// <summary>An rls-services document with one presence service, a list named Buddies of <paramref name="entries"/>.</summary>
    internal static string RlsServices(string service, params string[] entries) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><rls-services xmlns="urn:ietf:params:xml:ns:rls-services" xmlns:rl="urn:ietf:params:xml:ns:resource-lists"><service uri="{service}"><list name="buddies"><rl:display-name>Buddies</rl:display-name>{string.Concat(entries.Select(e => $"<rl:entry uri=\"{e}\"/>"))}</list><packages><package>presence</package></packages></service></rls-services>""";

    /// <summary>The RLMI and the parts of a list NOTIFY, after checking the headers RFC 4662 section 4.5 and 5 require.</summary>
    private static (RlmiList Rlmi, IReadOnlyDictionary<string, string> Parts) Read(SipRequest notify)
    {
        Assert.Equal("eventlist", notify.Headers.GetFirstValue(KnownHeader.Require));
        var contentType = notify.Headers.GetFirstValue(KnownHeader.ContentType)!;
        Assert.StartsWith("multipart/related", contentType, StringComparison.Ordinal);
        var body = MultipartRelated.Read(notify.Body.Span, contentType);
        Assert.Equal(Rlmi.ContentType, body.Parts[0].ContentType.Split(';')[0]);
        Assert.Equal(body.Start, body.Parts[0].ContentId);
        var rlmi = RlmiReader.Read(body.Parts[0].Body.Span);
        return (rlmi, body.Parts.Skip(1).ToDictionary(p => p.ContentId, p => Encoding.UTF8.GetString(p.Body.Span)));
    }

    private static async Task<SipRequest> NextNotifyAsync(TestPhone phone)
    {
        var notify = await phone.NextRequestAsync(TimeSpan.FromSeconds(10));
        await phone.ReplyAsync(notify, 200);
        return notify;
    }

    [Fact]
    public async Task A_service_of_the_users_rls_services_document_gives_full_state_first_then_partial_state_and_follows_document_changes()
    {
        await using var bob = TestPhone.Udp(Bob, node.Udp);
        await using var carol = TestPhone.Udp(Carol, node.Udp);
        var bobPublished = await bob.RequestAsync(
            "PUBLISH", Bob, $"<{Bob}>", Pidf(Bob, "open", "bob here"), TestNode.Passwords[Bob], "Event: presence", "Content-Type: application/pidf+xml");
        var carolPublished = await carol.RequestAsync(
            "PUBLISH", Carol, $"<{Carol}>", Pidf(Carol, "closed", "carol away"), TestNode.Passwords[Carol], "Event: presence", "Content-Type: application/pidf+xml");
        var defined = await alice.SendAsync("PUT", $"rls-services/users/{Alice}/index", "application/rls-services+xml", RlsServices(Buddies, Bob, Carol));

        await using var phone = await TestPhone.TcpAsync(Alice, node.Tcp);
        var contact = $"Contact: <{phone.ContactUri}>";

        // RFC 4662 section 4.1: a subscriber that does not support the extension is told it is required.
        var withoutEventList = await phone.RequestAsync("SUBSCRIBE", Buddies, $"<{Buddies}>", null, TestNode.Passwords[Alice], "Event: presence", contact, ListHeaders);

        var subscribed = await phone.RequestAsync(
            "SUBSCRIBE", Buddies, $"<{Buddies}>", null, TestNode.Passwords[Alice], "Event: presence", contact, ListHeaders, "Supported: eventlist", "Expires: 600");
        Assert.True(subscribed.IsSuccess, subscribed.ToString());
        var first = await NextNotifyAsync(phone);
        var (full, fullParts) = Read(first);

        Assert.True(bobPublished.IsSuccess, bobPublished.ToString());
        Assert.True(carolPublished.IsSuccess, carolPublished.ToString());
        Assert.Equal(201, defined.Status);
        Assert.Equal(421, withoutEventList.StatusCode);
        Assert.Equal("eventlist", withoutEventList.Headers.GetFirstValue(KnownHeader.Require));
        Assert.True(subscribed.IsSuccess, subscribed.ToString());
        Assert.Equal("eventlist", subscribed.Headers.GetFirstValue(KnownHeader.Require));
        Assert.Equal(Buddies, full.Uri);
        Assert.Equal(0u, full.Version);
        Assert.True(full.FullState);
        Assert.Equal("Buddies", Assert.Single(full.Names).Value);
        Assert.Equal([Bob, Carol], full.Resources.Select(r => r.Uri));
        foreach (var resource in full.Resources)
        {
            var instance = Assert.Single(resource.Instances);
            Assert.Equal(RlmiInstanceState.Active, instance.State);
            Assert.Contains($"entity=\"{resource.Uri}\"", fullParts[instance.Cid!], StringComparison.Ordinal);
        }

        Assert.Contains("bob here", fullParts[full.Resources[0].Instances[0].Cid!], StringComparison.Ordinal);

        // A change of one resource: partial state with that resource alone, the next version (RFC 4662 section 5.6.2).
        var changed = await bob.RequestAsync(
            "PUBLISH", Bob, $"<{Bob}>", Pidf(Bob, "closed", "bob gone"), TestNode.Passwords[Bob], "Event: presence", "Content-Type: application/pidf+xml");
        var (partial, partialParts) = Read(await NextNotifyAsync(phone));

        Assert.True(changed.IsSuccess);
        Assert.Equal(1u, partial.Version);
        Assert.False(partial.FullState);
        var onlyBob = Assert.Single(partial.Resources);
        Assert.Equal(Bob, onlyBob.Uri);
        Assert.Contains("bob gone", partialParts[onlyBob.Instances[0].Cid!], StringComparison.Ordinal);

        // The owner drops carol from the service: full state again, without her (RFC 4662 section 5.6.1).
        var redefined = await alice.SendAsync("PUT", $"rls-services/users/{Alice}/index", "application/rls-services+xml", RlsServices(Buddies, Bob));
        var (smaller, _) = Read(await NextNotifyAsync(phone));

        Assert.Equal(200, redefined.Status);
        Assert.Equal(2u, smaller.Version);
        Assert.True(smaller.FullState);
        Assert.Equal([Bob], smaller.Resources.Select(r => r.Uri));

        // Bob may not subscribe to alice's list (docs/presence.md: a service is its owner's).
        var bobsTry = await bob.RequestAsync(
            "SUBSCRIBE", Buddies, $"<{Buddies}>", null, TestNode.Passwords[Bob], "Event: presence", $"Contact: <{bob.ContactUri}>", ListHeaders, "Supported: eventlist");
        Assert.Equal(403, bobsTry.StatusCode);

        // Deleting the document ends the subscription (reason noresource).
        var deleted = await alice.SendAsync("DELETE", $"rls-services/users/{Alice}/index");
        var final = await NextNotifyAsync(phone);
        Assert.Equal(200, deleted.Status);
        Assert.Equal("terminated;reason=noresource", final.Headers.GetFirstValue(KnownHeader.SubscriptionState));
    }

    [Fact]
    public async Task A_request_contained_list_is_subscribed_at_the_domains_rls_uri()
    {
        await using var bob = TestPhone.Udp(Bob, node.Udp);
        var published = await bob.RequestAsync(
            "PUBLISH", Bob, $"<{Bob}>", Pidf(Bob, "open", "bob here"), TestNode.Passwords[Bob], "Event: presence", "Content-Type: application/pidf+xml");
        await using var phone = await TestPhone.TcpAsync(Alice, node.Tcp);
        const string List = """<?xml version="1.0" encoding="UTF-8"?><resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list><display-name>Ad hoc</display-name><entry uri="sip:bob@example.com"/><entry uri="sip:carol@example.com"/></list></resource-lists>""";

        var subscribed = await phone.RequestAsync(
            "SUBSCRIBE", "sip:rls@example.com", "<sip:rls@example.com>", List, TestNode.Passwords[Alice], "Event: presence", $"Contact: <{phone.ContactUri}>",
            ListHeaders, "Supported: eventlist", "Require: recipient-list-subscribe", "Content-Type: application/resource-lists+xml",
            "Content-Disposition: recipient-list");
        var (rlmi, parts) = Read(await NextNotifyAsync(phone));

        Assert.True(published.IsSuccess);
        Assert.True(subscribed.IsSuccess, subscribed.ToString());
        Assert.Equal("sip:rls@example.com", rlmi.Uri);
        Assert.True(rlmi.FullState);
        Assert.Equal("Ad hoc", Assert.Single(rlmi.Names).Value);
        Assert.Equal([Bob, Carol], rlmi.Resources.Select(r => r.Uri));
        Assert.Contains("bob here", parts[rlmi.Resources[0].Instances[0].Cid!], StringComparison.Ordinal);
    }
}
