using System.Text;
using SimpleActors.Node.Commands;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// The owner's decisions about pending watchers through the node's admin endpoint and the
/// <c>simpleactors presence authorize</c> command, with subscriptions over real sockets.
/// </summary>
public sealed class PresenceAuthorizationTests : IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Presence:Subscription:Policy"] = "Pending",
    });

    public async Task DisposeAsync() => await node.DisposeAsync();

    private static async Task<(SipResponse Subscribed, SipRequest Pending)> SubscribeAsync(TestPhone watcher, string presentity)
    {
        var subscribed = await watcher.RequestAsync(
            "SUBSCRIBE", presentity, $"<{presentity}>", null, TestNode.Passwords[watcher.Aor],
            "Event: presence", $"Contact: <{watcher.ContactUri}>", "Expires: 600");
        var pending = await watcher.NextRequestAsync();
        await watcher.ReplyAsync(pending, 200);
        return (subscribed, pending);
    }

    private async Task<(int Code, string Output, string Error)> AuthorizeAsync(string presentity, string watcher, string decision, string token = TestNode.AdminToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await PresenceCommand.AuthorizeAsync(node.Admin, token, presentity, watcher, decision, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Allowing_a_pending_watcher_turns_the_subscription_active_at_once_with_the_presentitys_state()
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);
        await alice.RequestAsync("PUBLISH", alice.Aor, $"<{alice.Aor}>",
            """<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@example.com"><tuple id="a"><status><basic>open</basic></status><note>lunch</note></tuple></presence>""",
            TestNode.Passwords[alice.Aor], "Event: presence", "Content-Type: application/pidf+xml");
        var (subscribed, pending) = await SubscribeAsync(bob, alice.Aor);

        var (code, output, _) = await AuthorizeAsync("sip:alice@example.com", "sip:bob@example.com", "allow");
        var active = await bob.NextRequestAsync();
        await bob.ReplyAsync(active, 200);

        Assert.Equal(202, subscribed.StatusCode);
        Assert.StartsWith("pending", pending.Headers.GetFirstValue(KnownHeader.SubscriptionState), StringComparison.Ordinal);
        Assert.Equal(0, code);
        Assert.Contains("allow sip:bob@example.com (rule in pres-rules/users/sip:alice@example.com/index, ETag ", output, StringComparison.Ordinal);
        Assert.StartsWith("active;expires=", active.Headers.GetFirstValue(KnownHeader.SubscriptionState), StringComparison.Ordinal);
        Assert.Contains("lunch", Encoding.UTF8.GetString(active.Body.Span), StringComparison.Ordinal);
        Assert.True(active.CSeq!.Number > pending.CSeq!.Number);
    }

    [Fact]
    public async Task Blocking_ends_the_subscription_with_reason_rejected_and_the_decision_holds_for_the_next_subscribe()
    {
        await using var carol = TestPhone.Udp("sip:carol@example.com", node.Udp);
        await SubscribeAsync(carol, "sip:alice@example.com");

        var (code, _, _) = await AuthorizeAsync("sip:alice@example.com", "sip:carol@example.com", "block");
        var rejected = await carol.NextRequestAsync();
        await carol.ReplyAsync(rejected, 200);
        await using var carolAgain = TestPhone.Udp("sip:carol@example.com", node.Udp);
        var again = await carolAgain.RequestAsync(
            "SUBSCRIBE", "sip:alice@example.com", "<sip:alice@example.com>", null, TestNode.Passwords[carolAgain.Aor],
            "Event: presence", $"Contact: <{carolAgain.ContactUri}>", "Expires: 600");
        var notifies = new List<SipRequest>();
        while (notifies.Count < 2)
        {
            var notify = await carolAgain.NextRequestAsync();
            await carolAgain.ReplyAsync(notify, 200);
            notifies.Add(notify);
            if (notify.Headers.GetFirstValue(KnownHeader.SubscriptionState)!.StartsWith("terminated", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.Equal(0, code);
        Assert.Equal("terminated;reason=rejected", rejected.Headers.GetFirstValue(KnownHeader.SubscriptionState));
        Assert.True(rejected.Body.IsEmpty);
        Assert.Equal(202, again.StatusCode);
        Assert.Equal("terminated;reason=rejected", notifies[^1].Headers.GetFirstValue(KnownHeader.SubscriptionState));
    }

    [Fact]
    public async Task The_endpoint_refuses_a_wrong_token_and_bad_input()
    {
        var wrongToken = await AuthorizeAsync("sip:alice@example.com", "sip:bob@example.com", "allow", token: "guess");
        var badUri = await AuthorizeAsync("alice", "sip:bob@example.com", "allow");

        Assert.Equal(1, wrongToken.Code);
        Assert.Contains("401", wrongToken.Error, StringComparison.Ordinal);
        Assert.Equal(2, badUri.Code);
        Assert.Contains("400", badUri.Error, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", node.Admin.Host);
    }
}
