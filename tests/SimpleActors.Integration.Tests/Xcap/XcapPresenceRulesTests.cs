using System.Text;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests.Xcap;

/// <summary>
/// The XCAP server end to end with a real HTTP client (curl, HTTP digest) against a node with the shipped configuration:
/// a user creates its resource lists and presence rules (RFC 4825, RFC 4826, RFC 5025), and the rules decide a SIP
/// watcher's subscription at once: pending while they say confirm, active when they allow it, with its NOTIFY filtered by
/// their transformations, ended with reason rejected when they block it.
/// </summary>
public sealed class XcapPresenceRulesTests : IAsyncLifetime
{
    private const string Alice = "sip:alice@example.com";
    private const string Bob = "sip:bob@example.com";
    private const string CommonPolicy = "urn:ietf:params:xml:ns:common-policy";
    private const string PresRules = "urn:ietf:params:xml:ns:pres-rules";

    // The rules' selectors bind cp: in the query (RFC 4825 section 6.4); the document's own prefixes do not count.
    private const string Bind = "?xmlns(cp=urn:ietf:params:xml:ns:common-policy)";

    private static readonly string RulesDocument = $"pres-rules/users/{Alice}/index";

    private TestNode node = null!;
    private XcapCurl alice = null!;

    public async Task InitializeAsync()
    {
        node = await TestNode.StartAsync();
        alice = new XcapCurl(node.Edge.XcapRoots[0], "alice", TestNode.Passwords[Alice]);
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task A_user_writes_its_lists_and_rules_and_a_watcher_goes_from_pending_to_active_seeing_only_what_the_rules_provide()
    {
        // The user's buddy list (RFC 4826 section 3), read back element by element.
        var lists = await alice.SendAsync(
            "PUT", $"resource-lists/users/{Alice}/index", "application/resource-lists+xml",
            """<?xml version="1.0" encoding="UTF-8"?><resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="friends"><entry uri="sip:bob@example.com"><display-name>Bob</display-name></entry></list></resource-lists>""");
        var entry = await alice.SendAsync("GET", $"resource-lists/users/{Alice}/index/~~/resource-lists/list%5b@name=%22friends%22%5d/entry/display-name");

        // Colleagues wait for confirmation (RFC 5025 section 3.2.1).
        var confirm = await alice.SendAsync(
            "PUT", RulesDocument, "application/auth-policy+xml",
            $"""<?xml version="1.0" encoding="UTF-8"?><cp:ruleset xmlns:cp="{CommonPolicy}" xmlns:pr="{PresRules}"><cp:rule id="colleagues"><cp:conditions><cp:identity><cp:many domain="example.com"/></cp:identity></cp:conditions><cp:actions><pr:sub-handling>confirm</pr:sub-handling></cp:actions><cp:transformations/></cp:rule></cp:ruleset>""");

        await using var phone = TestPhone.Udp(Alice, node.Udp);
        await phone.RequestAsync(
            "PUBLISH", Alice, $"<{Alice}>",
            """<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@example.com"><tuple id="t1"><status><basic>open</basic></status><note>at lunch with carol</note></tuple></presence>""",
            TestNode.Passwords[Alice], "Event: presence", "Content-Type: application/pidf+xml");
        await using var bob = TestPhone.Udp(Bob, node.Udp);
        var subscribed = await bob.RequestAsync(
            "SUBSCRIBE", Alice, $"<{Alice}>", null, TestNode.Passwords[Bob], "Event: presence", $"Contact: <{bob.ContactUri}>", "Expires: 600");
        var pending = await bob.NextRequestAsync();
        await bob.ReplyAsync(pending, 200);

        // Bob is allowed, with the services, persons and devices but not the notes (RFC 5025 section 3.3).
        var allow = await alice.SendAsync(
            "PUT", $"{RulesDocument}/~~/cp:ruleset/cp:rule%5b@id=%22bob%22%5d{Bind}", "application/xcap-el+xml",
            $"""<cp:rule xmlns:cp="{CommonPolicy}" xmlns:pr="{PresRules}" id="bob"><cp:conditions><cp:identity><cp:one id="sip:bob@example.com"/></cp:identity></cp:conditions><cp:actions><pr:sub-handling>allow</pr:sub-handling></cp:actions><cp:transformations><pr:provide-services><pr:all-services/></pr:provide-services><pr:provide-persons><pr:all-persons/></pr:provide-persons><pr:provide-devices><pr:all-devices/></pr:provide-devices></cp:transformations></cp:rule>""");
        var active = await bob.NextRequestAsync();
        await bob.ReplyAsync(active, 200);
        var activeBody = Encoding.UTF8.GetString(active.Body.Span);

        Assert.Equal(201, lists.Status);
        Assert.Equal(200, entry.Status);
        Assert.Equal("application/xcap-el+xml", entry.Header("Content-Type"));
        Assert.Equal("<display-name>Bob</display-name>", entry.Body);
        Assert.Equal(201, confirm.Status);
        Assert.True(subscribed.IsSuccess, subscribed.ToString());
        Assert.StartsWith("pending", pending.Headers.GetFirstValue(KnownHeader.SubscriptionState), StringComparison.Ordinal);
        Assert.True(pending.Body.IsEmpty);
        Assert.Equal(201, allow.Status);
        Assert.StartsWith("active", active.Headers.GetFirstValue(KnownHeader.SubscriptionState), StringComparison.Ordinal);
        Assert.Contains("<basic>open</basic>", activeBody, StringComparison.Ordinal);
        Assert.DoesNotContain("lunch", activeBody, StringComparison.Ordinal);

        // The colleagues' rule goes and bob's says block: the subscription ends, reason rejected (RFC 5025 section 4).
        var removed = await alice.SendAsync("DELETE", $"{RulesDocument}/~~/cp:ruleset/cp:rule%5b@id=%22colleagues%22%5d{Bind}");
        var block = await alice.SendAsync(
            "PUT", $"{RulesDocument}/~~/cp:ruleset/cp:rule%5b@id=%22bob%22%5d/cp:actions/pr:sub-handling{Bind}xmlns(pr=urn:ietf:params:xml:ns:pres-rules)",
            "application/xcap-el+xml", $"""<pr:sub-handling xmlns:pr="{PresRules}">block</pr:sub-handling>""");
        SipRequest rejected;
        do
        {
            rejected = await bob.NextRequestAsync();
            await bob.ReplyAsync(rejected, 200);
        }
        while (!rejected.Headers.GetFirstValue(KnownHeader.SubscriptionState)!.StartsWith("terminated", StringComparison.Ordinal));

        Assert.Equal(200, removed.Status);
        Assert.Equal(200, block.Status);
        Assert.Equal("terminated;reason=rejected", rejected.Headers.GetFirstValue(KnownHeader.SubscriptionState));
    }

    [Fact]
    public async Task The_server_refuses_other_users_trees_bad_documents_and_stale_etags_with_the_rfcs_answers()
    {
        var bob = new XcapCurl(node.Edge.XcapRoots[0], "bob", TestNode.Passwords[Bob]);
        var wrongPassword = new XcapCurl(node.Edge.XcapRoots[0], "alice", "not-her-password");
        var created = await alice.SendAsync(
            "PUT", $"resource-lists/users/{Alice}/index", "application/resource-lists+xml",
            """<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="a"/></resource-lists>""");

        var othersTree = await bob.SendAsync("GET", $"resource-lists/users/{Alice}/index");
        var unauthenticated = await wrongPassword.SendAsync("GET", $"resource-lists/users/{Alice}/index");
        var duplicate = await alice.SendAsync(
            "PUT", $"resource-lists/users/{Alice}/index", "application/resource-lists+xml",
            """<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="a"/><list name="a"/></resource-lists>""");
        var notXml = await alice.SendAsync("PUT", $"resource-lists/users/{Alice}/index", "application/resource-lists+xml", "<resource-lists");
        var wrongType = await alice.SendAsync("PUT", $"resource-lists/users/{Alice}/index", "text/plain", "hello");
        var stale = await alice.SendAsync(
            "PUT", $"resource-lists/users/{Alice}/index", "application/resource-lists+xml",
            """<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"/>""", "If-Match: \"not-the-etag\"");
        var notModified = await alice.SendAsync("GET", $"resource-lists/users/{Alice}/index", null, null, $"If-None-Match: {created.ETag}");
        var caps = await bob.SendAsync("GET", "xcap-caps/global/index");
        var capsPut = await bob.SendAsync("PUT", "xcap-caps/global/index", "application/xcap-caps+xml", "<x/>");
        var unknownAuid = await alice.SendAsync("GET", $"no-such-usage/users/{Alice}/index");
        var badSelector = await alice.SendAsync("GET", $"resource-lists/users/{Alice}/index/~~/p:list");

        Assert.Equal(201, created.Status);
        Assert.Equal(403, othersTree.Status);
        Assert.Equal(401, unauthenticated.Status);
        Assert.Equal(409, duplicate.Status);
        Assert.Equal("application/xcap-error+xml", duplicate.Header("Content-Type"));
        Assert.Contains("<uniqueness-failure>", duplicate.Body, StringComparison.Ordinal);
        Assert.Contains("<alt-value>", duplicate.Body, StringComparison.Ordinal);
        Assert.Equal(409, notXml.Status);
        Assert.Contains("<not-well-formed", notXml.Body, StringComparison.Ordinal);
        Assert.Equal(415, wrongType.Status);
        Assert.Equal(412, stale.Status);
        Assert.Equal(304, notModified.Status);
        Assert.Equal(200, caps.Status);
        Assert.Contains("<auid>org.openmobilealliance.pres-rules</auid>", caps.Body, StringComparison.Ordinal);
        Assert.Equal(405, capsPut.Status);
        Assert.Equal(404, unknownAuid.Status);
        Assert.Equal(400, badSelector.Status);
    }

    [Fact]
    public async Task A_service_uri_one_user_defined_is_refused_to_another_with_an_alternative()
    {
        var bob = new XcapCurl(node.Edge.XcapRoots[0], "bob", TestNode.Passwords[Bob]);
        static string Services(string uri) =>
            $"""<?xml version="1.0" encoding="UTF-8"?><rls-services xmlns="urn:ietf:params:xml:ns:rls-services" xmlns:rl="urn:ietf:params:xml:ns:resource-lists"><service uri="{uri}"><list><rl:entry uri="sip:carol@example.com"/></list><packages><package>presence</package></packages></service></rls-services>""";

        var first = await alice.SendAsync("PUT", $"rls-services/users/{Alice}/index", "application/rls-services+xml", Services("sip:team@example.com"));
        var clash = await bob.SendAsync("PUT", $"rls-services/users/{Bob}/index", "application/rls-services+xml", Services("sip:team@example.com"));
        var other = await bob.SendAsync("PUT", $"rls-services/users/{Bob}/index", "application/rls-services+xml", Services("sip:bobs-team@example.com"));
        var released = await alice.SendAsync("DELETE", $"rls-services/users/{Alice}/index");
        var taken = await bob.SendAsync("PUT", $"rls-services/users/{Bob}/index", "application/rls-services+xml", Services("sip:team@example.com"));
        var global = await alice.SendAsync("GET", "rls-services/global/index");

        Assert.Equal(201, first.Status);
        Assert.Equal(409, clash.Status);
        Assert.Contains("<uniqueness-failure", clash.Body, StringComparison.Ordinal);
        Assert.Contains("<alt-value>", clash.Body, StringComparison.Ordinal);
        Assert.Equal(201, other.Status);
        Assert.Equal(200, released.Status);
        Assert.Equal(200, taken.Status);
        Assert.Equal(403, global.Status); // the union of all users' services is for the server's own RLS (RFC 4826 section 4.4.7)
    }
}
