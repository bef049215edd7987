using System.Text;
using System.Xml.Linq;
using SimpleActors.Presence;
using SimpleActors.Presence.Patch;
using SimpleActors.Presence.PidfDiff;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>Partial notification (RFC 5263) and partial publication (RFC 5264) against a real node over UDP.</summary>
public sealed class PartialPresenceTests : IAsyncLifetime
{
    private const string DiffType = "application/pidf-diff+xml";
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await node.DisposeAsync();

    private static string Pidf(string entity, string basic, string note) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="{entity}"><tuple id="t1"><status><basic>{basic}</basic></status><note>{note}</note></tuple><tuple id="t2"><status><basic>open</basic></status><contact priority="0.5">im:alice@example.com</contact></tuple></presence>""";

    private static string Full(string entity, uint version, string basic) =>
        $"""<p:pidf-full xmlns="urn:ietf:params:xml:ns:pidf" xmlns:p="urn:ietf:params:xml:ns:pidf-diff" entity="{entity}" version="{version}"><tuple id="t1"><status><basic>{basic}</basic></status><note>full</note></tuple></p:pidf-full>""";

    private static string Diff(string entity, uint version, string sel, string value) =>
        $"""<p:pidf-diff xmlns="urn:ietf:params:xml:ns:pidf" xmlns:p="urn:ietf:params:xml:ns:pidf-diff" entity="{entity}" version="{version}"><p:replace sel="{sel}">{value}</p:replace></p:pidf-diff>""";

    private static Task<SipResponse> PublishAsync(TestPhone phone, string body, string? ifMatch = null, string type = "application/pidf+xml")
    {
        string[] headers = ifMatch is null
            ? ["Event: presence", "Expires: 600", $"Content-Type: {type}"]
            : ["Event: presence", "Expires: 600", $"Content-Type: {type}", $"SIP-If-Match: {ifMatch}"];
        return phone.RequestAsync("PUBLISH", phone.Aor, $"<{phone.Aor}>", body, TestNode.Passwords[phone.Aor], headers);
    }

    private static Task<SipResponse> SubscribeAsync(TestPhone watcher, string presentity, string accept, string? toTag = null) =>
        watcher.RequestAsync(
            "SUBSCRIBE", presentity, toTag is null ? $"<{presentity}>" : $"<{presentity}>;tag={toTag}", null, TestNode.Passwords[watcher.Aor],
            "Event: presence", $"Accept: {accept}", $"Contact: <{watcher.ContactUri}>", "Expires: 600");

    private static async Task<SipRequest> NotifyAsync(TestPhone watcher)
    {
        var notify = await watcher.NextRequestAsync();
        Assert.Equal("NOTIFY", notify.Method);
        await watcher.ReplyAsync(notify, 200);
        return notify;
    }

    private static PidfDocument Plain(SipRequest notify)
    {
        Assert.Equal("application/pidf+xml", notify.ContentType!.Essence);
        return SimpleActors.Presence.Pidf.Parse(notify.Body.Span);
    }

    /// <summary>A watcher's copy of the presence document, kept as RFC 5263 section 3 says (full state, then patches in version order).</summary>
    private sealed class PartialWatcher
    {
        public XDocument? Document { get; private set; }

        public uint Version { get; private set; }

        public bool LastWasFull { get; private set; }

        public PidfDocument Take(SipRequest notify)
        {
            Assert.Equal(DiffType, notify.ContentType!.Essence);
            var document = PidfDiff.Parse(notify.Body.Span);
            Assert.Equal(notify.CSeq!.Number, document.Version); // the decision: version = the NOTIFY's CSeq
            LastWasFull = document.IsFull;
            if (document.Presence is { } full)
            {
                Document = full;
            }
            else
            {
                Assert.NotNull(Document);
                Assert.Equal(Version + 1, document.Version);
                Document = XmlPatch.Apply(Document!, document.Operations);
            }

            Version = document.Version;
            return SimpleActors.Presence.Pidf.Parse(PidfDiff.Write(Document!));
        }
    }

    [Fact]
    public async Task A_partial_watcher_gets_pidf_full_then_patches_that_rebuild_the_plain_watchers_documents_and_a_refresh_gets_full_state()
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);
        await using var carol = TestPhone.Udp("sip:carol@example.com", node.Udp);
        var etag = (await PublishAsync(alice, Pidf(alice.Aor, "open", "at my desk"))).SipETag;
        var partial = await SubscribeAsync(bob, alice.Aor, DiffType);
        var plain = await SubscribeAsync(carol, alice.Aor, "application/pidf+xml");
        var watcher = new PartialWatcher();

        Assert.Equal((200, 200), (partial.StatusCode, plain.StatusCode));
        Assert.Equal(Plain(await NotifyAsync(carol)), watcher.Take(await NotifyAsync(bob)));
        Assert.True(watcher.LastWasFull);
        foreach (var (basic, note) in new[] { ("closed", "gone home"), ("closed", "asleep"), ("open", "back") })
        {
            var published = await PublishAsync(alice, Pidf(alice.Aor, basic, note), etag);
            etag = published.SipETag;
            Assert.Equal(200, published.StatusCode);
            Assert.Equal(Plain(await NotifyAsync(carol)), watcher.Take(await NotifyAsync(bob)));
            Assert.False(watcher.LastWasFull);
        }

        var refreshed = await SubscribeAsync(bob, alice.Aor, DiffType, partial.To!.Tag);
        var refreshNotify = await NotifyAsync(bob);
        var afterRefresh = watcher.Take(refreshNotify);

        Assert.Equal(200, refreshed.StatusCode);
        Assert.True(watcher.LastWasFull);
        Assert.Equal("back", afterRefresh.Tuples[0].Notes[0].Text);
    }

    [Fact]
    public async Task Partial_publication_patches_the_state_and_refuses_stale_tags_bad_patches_and_gaps_without_changing_it()
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var carol = TestPhone.Udp("sip:carol@example.com", node.Udp);
        var initial = await PublishAsync(alice, Full(alice.Aor, 10, "open"), type: DiffType);
        await SubscribeAsync(carol, alice.Aor, "application/pidf+xml");
        var first = Plain(await NotifyAsync(carol));

        var patched = await PublishAsync(alice, Diff(alice.Aor, 11, "presence/tuple[@id='t1']/status/basic/text()", "closed"), initial.SipETag, DiffType);
        var second = Plain(await NotifyAsync(carol));
        var stale = await PublishAsync(alice, Diff(alice.Aor, 12, "presence/tuple[@id='t1']/note/text()", "x"), initial.SipETag, DiffType);
        var badPatch = await PublishAsync(alice, Diff(alice.Aor, 12, "presence/tuple[@id='nosuch']/note/text()", "x"), patched.SipETag, DiffType);
        var gap = await PublishAsync(alice, Diff(alice.Aor, 14, "presence/tuple[@id='t1']/note/text()", "x"), patched.SipETag, DiffType);
        var unchanged = await carol.NoRequestWithinAsync(TimeSpan.FromMilliseconds(500));
        var next = await PublishAsync(alice, Diff(alice.Aor, 12, "presence/tuple[@id='t1']/note/text()", "patched"), patched.SipETag, DiffType);
        var third = Plain(await NotifyAsync(carol));

        Assert.Equal(200, initial.StatusCode);
        Assert.Equal((BasicStatus.Open, "full"), (first.Tuples[0].Status.Basic, first.Tuples[0].Notes[0].Text));
        Assert.Equal(200, patched.StatusCode);
        Assert.Equal(BasicStatus.Closed, second.Tuples[0].Status.Basic);
        Assert.Equal(412, stale.StatusCode);
        Assert.Equal(400, badPatch.StatusCode);
        Assert.Equal("application/patch-ops-error+xml", badPatch.ContentType!.Essence);
        Assert.Contains("unlocated-node", Encoding.UTF8.GetString(badPatch.Body.Span), StringComparison.Ordinal);
        Assert.Equal(400, gap.StatusCode);
        Assert.True(unchanged);
        Assert.Equal(200, next.StatusCode);
        Assert.Equal((BasicStatus.Closed, "patched"), (third.Tuples[0].Status.Basic, third.Tuples[0].Notes[0].Text));
    }

    [Fact]
    public async Task A_publish_of_another_type_is_415_listing_both_presence_formats()
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);

        var refused = await PublishAsync(alice, "hello", type: "text/plain");

        Assert.Equal(415, refused.StatusCode);
        Assert.Equal("application/pidf+xml, application/pidf-diff+xml", refused.Headers.GetFirstValue(KnownHeader.Accept));
    }
}
