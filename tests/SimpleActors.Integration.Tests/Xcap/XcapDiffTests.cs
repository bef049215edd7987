using System.Text;
using System.Xml.Linq;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests.Xcap;

/// <summary>
/// Change notification for XCAP end to end: a user's SIP client subscribes to the xcap-diff event package (RFC 5875) for
/// its documents while curl edits them over HTTP; every change arrives as an xcap-diff document (RFC 5874) with the
/// previous and new entity tags, and the patch (RFC 5261) when asked for. The user's XCAP directory (OMA xcap-directory)
/// lists the same documents and tags.
/// </summary>
public sealed class XcapDiffTests : IAsyncLifetime
{
    private const string Alice = "sip:alice@example.com";
    private static readonly XNamespace Diff = "urn:ietf:params:xml:ns:xcap-diff";

    private TestNode node = null!;
    private XcapCurl curl = null!;

    public async Task InitializeAsync()
    {
        node = await TestNode.StartAsync();
        curl = new XcapCurl(node.Edge.XcapRoots[0], "alice", TestNode.Passwords[Alice]);
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    private static XElement Document(SipRequest notify) => XElement.Parse(Encoding.UTF8.GetString(notify.Body.Span));

    [Fact]
    public async Task Edits_over_http_reach_the_users_xcap_diff_subscription_with_etags_and_patches()
    {
        var root = curl.Root.ToString().TrimEnd('/');
        await using var phone = TestPhone.Udp(Alice, node.Udp);
        var list = $"""<?xml version="1.0" encoding="UTF-8"?><resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list><entry uri="{root}/resource-lists/users/{Alice}/"/><entry uri="{root}/resource-lists/users/sip:bob@example.com/index"/></list></resource-lists>""";
        var subscribed = await phone.RequestAsync(
            "SUBSCRIBE", Alice, $"<{Alice}>", list, TestNode.Passwords[Alice],
            "Event: xcap-diff;diff-processing=xcap-patching", $"Contact: <{phone.ContactUri}>", "Expires: 600",
            "Accept: application/xcap-diff+xml", "Content-Type: application/resource-lists+xml");
        var first = await phone.NextRequestAsync();
        await phone.ReplyAsync(first, 200);

        var created = await curl.SendAsync(
            "PUT", $"resource-lists/users/{Alice}/index", "application/resource-lists+xml",
            """<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="friends"/></resource-lists>""");
        var creation = await phone.NextRequestAsync();
        await phone.ReplyAsync(creation, 200);
        var added = await curl.SendAsync(
            "PUT", $"resource-lists/users/{Alice}/index/~~/resource-lists/list%5b@name=%22friends%22%5d/entry%5b@uri=%22sip:bob@example.com%22%5d",
            "application/xcap-el+xml", """<entry uri="sip:bob@example.com"/>""");
        var change = await phone.NextRequestAsync();
        await phone.ReplyAsync(change, 200);
        var directory = await curl.SendAsync("GET", $"org.openmobilealliance.xcap-directory/users/{Alice}/directory.xml");

        Assert.True(subscribed.IsSuccess, subscribed.ToString());
        Assert.Equal("application/xcap-diff+xml", first.Headers.GetFirstValue(KnownHeader.ContentType));
        Assert.Equal(root, Document(first).Attribute("xcap-root")?.Value);
        Assert.Empty(Document(first).Elements(Diff + "document")); // she has no document yet

        var createdEntry = Assert.Single(Document(creation).Elements(Diff + "document"));
        Assert.Equal($"resource-lists/users/{Alice}/index", createdEntry.Attribute("sel")?.Value);
        Assert.Equal(created.ETag, $"\"{createdEntry.Attribute("new-etag")?.Value}\"");
        Assert.Null(createdEntry.Attribute("previous-etag"));

        var changedEntry = Assert.Single(Document(change).Elements(Diff + "document"));
        Assert.Equal($"\"{changedEntry.Attribute("previous-etag")?.Value}\"", created.ETag);
        Assert.Equal($"\"{changedEntry.Attribute("new-etag")?.Value}\"", added.ETag);
        var patch = Assert.Single(changedEntry.Elements());
        Assert.Equal("add", patch.Name.LocalName);
        Assert.Contains("sip:bob@example.com", patch.ToString(), StringComparison.Ordinal);

        Assert.Equal(200, directory.Status);
        Assert.Equal("application/vnd.oma.xcap-directory+xml", directory.Header("Content-Type"));
        Assert.Contains($"etag=\"{added.ETag!.Trim('"')}\"", directory.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subscription_for_another_users_documents_or_without_a_resource_list_is_refused()
    {
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);
        var others = await bob.RequestAsync(
            "SUBSCRIBE", Alice, $"<{Alice}>", null, TestNode.Passwords["sip:bob@example.com"],
            "Event: xcap-diff", $"Contact: <{bob.ContactUri}>", "Expires: 600");
        await using var alice = TestPhone.Udp(Alice, node.Udp);
        var empty = await alice.RequestAsync(
            "SUBSCRIBE", Alice, $"<{Alice}>", null, TestNode.Passwords[Alice], "Event: xcap-diff", $"Contact: <{alice.ContactUri}>", "Expires: 600");

        Assert.Equal(403, others.StatusCode);
        Assert.Equal(400, empty.StatusCode);
    }
}
