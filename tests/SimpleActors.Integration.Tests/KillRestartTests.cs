using System.Text;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// Issue 4's durability rule with a real crash: the node process is killed with SIGKILL in the middle of a
/// subscription and started again; everything answered 2xx before the kill is there, and the watcher keeps getting
/// NOTIFYs in the same dialog with increasing CSeq.
/// </summary>
public sealed class KillRestartTests
{
    private static string Pidf(string note) =>
        $"""<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@example.com"><tuple id="t"><status><basic>open</basic></status><note>{note}</note></tuple></presence>""";

    private static Task<SipResponse> PublishAsync(TestPhone alice, string note, string? ifMatch = null)
    {
        string[] headers = ifMatch is null
            ? ["Event: presence", "Expires: 600", "Content-Type: application/pidf+xml"]
            : ["Event: presence", "Expires: 600", "Content-Type: application/pidf+xml", $"SIP-If-Match: {ifMatch}"];
        return alice.RequestAsync("PUBLISH", alice.Aor, $"<{alice.Aor}>", Pidf(note), null, headers);
    }

    [Fact]
    public async Task After_a_sigkill_publications_and_subscriptions_are_back_and_notifies_continue_in_the_same_dialog()
    {
        await using var node = await NodeProcess.StartAsync();
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);
        var published = await PublishAsync(alice, "before the crash");
        var subscribed = await bob.RequestAsync(
            "SUBSCRIBE", alice.Aor, $"<{alice.Aor}>", null, null, "Event: presence", $"Contact: <{bob.ContactUri}>", "Expires: 600");
        var first = await bob.NextRequestAsync();
        await bob.ReplyAsync(first, 200);

        await node.KillAsync();
        await node.StartAgainAsync();

        var modified = await PublishAsync(alice, "after the crash", published.SipETag);
        var next = await bob.NextRequestAsync();
        await bob.ReplyAsync(next, 200);
        var refreshed = await bob.RequestAsync(
            "SUBSCRIBE", alice.Aor, $"<{alice.Aor}>;tag={subscribed.To!.Tag}", null, null, "Event: presence", $"Contact: <{bob.ContactUri}>", "Expires: 600");
        var afterRefresh = await bob.NextRequestAsync();
        await bob.ReplyAsync(afterRefresh, 200);

        Assert.Equal(200, subscribed.StatusCode);
        Assert.Contains("before the crash", Encoding.UTF8.GetString(first.Body.Span), StringComparison.Ordinal);
        Assert.Equal(200, modified.StatusCode);
        Assert.Equal((first.CallId, first.From!.Tag), (next.CallId, next.From!.Tag));
        Assert.True(next.CSeq!.Number > first.CSeq!.Number);
        Assert.Contains("after the crash", Encoding.UTF8.GetString(next.Body.Span), StringComparison.Ordinal);
        Assert.Equal(200, refreshed.StatusCode);
        Assert.True(afterRefresh.CSeq!.Number > next.CSeq!.Number);
    }
}
