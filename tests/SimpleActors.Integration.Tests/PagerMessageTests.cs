using System.Text;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>Pager-mode MESSAGE (RFC 3428) through a complete node: online delivery, relayed answers, storage and later delivery.</summary>
public sealed class PagerMessageTests : IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await node.DisposeAsync();

    private static string Text(SipRequest request) => Encoding.UTF8.GetString(request.Body.Span);

    [Fact]
    public async Task Message_to_an_online_user_is_authenticated_forwarded_and_the_answer_relayed()
    {
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);
        await using var alice = await TestPhone.TcpAsync("sip:alice@example.com", node.Tcp);
        Assert.Equal(200, (await bob.RegisterAsync("bob-pw")).StatusCode);

        var sending = alice.MessageAsync("sip:bob@example.com", "Watson, come here.", "alice-pw");
        var delivered = await bob.NextRequestAsync();
        await bob.ReplyAsync(delivered, 200);
        var answer = await sending;

        Assert.Equal("MESSAGE", delivered.Method);
        Assert.Equal(bob.ContactUri, delivered.RequestUriText);
        Assert.Equal("Watson, come here.", Text(delivered));
        Assert.Equal("sip:alice@example.com", delivered.From!.Uri.ToString());
        Assert.Equal(2, delivered.Vias.Count); // ours on top of alice's
        Assert.Empty(delivered.ProxyAuthorization);
        Assert.Equal(200, answer.StatusCode);
        Assert.Single(answer.Vias);
    }

    [Fact]
    public async Task Message_without_credentials_from_our_domain_is_challenged_with_407()
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);

        var answer = await alice.MessageAsync("sip:bob@example.com", "hi");

        Assert.Equal(407, answer.StatusCode);
        Assert.NotEmpty(answer.ProxyAuthenticate);
    }

    [Fact]
    public async Task Error_answer_of_the_callee_is_relayed()
    {
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await bob.RegisterAsync("bob-pw");

        var sending = alice.MessageAsync("sip:bob@example.com", "busy?", "alice-pw");
        await bob.ReplyAsync(await bob.NextRequestAsync(), 486);

        Assert.Equal(486, (await sending).StatusCode);
    }

    [Fact]
    public async Task Message_to_an_unknown_user_is_404()
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);

        Assert.Equal(404, (await alice.MessageAsync("sip:nobody@example.com", "hello?", "alice-pw")).StatusCode);
    }

    [Fact]
    public async Task Messages_to_an_offline_user_are_stored_and_delivered_in_order_after_a_restart_when_it_registers()
    {
        await using (var alice = TestPhone.Udp("sip:alice@example.com", node.Udp))
        {
            Assert.Equal(202, (await alice.MessageAsync("sip:carol@example.com", "first", "alice-pw")).StatusCode);
            Assert.Equal(202, (await alice.MessageAsync("sip:carol@example.com", "second", "alice-pw")).StatusCode);
        }

        await node.RestartAsync();

        await using var carol = TestPhone.Udp("sip:carol@example.com", node.Udp);
        Assert.Equal(200, (await carol.RegisterAsync("carol-pw")).StatusCode);
        var first = await carol.NextRequestAsync();
        await carol.ReplyAsync(first, 200);
        var second = await carol.NextRequestAsync();
        await carol.ReplyAsync(second, 200);

        Assert.Equal(["first", "second"], new[] { Text(first), Text(second) });
        Assert.Equal("sip:alice@example.com", first.From!.Uri.ToString());
        Assert.Equal("text/plain", first.ContentType!.Essence);
        Assert.NotNull(first.Headers.GetFirstValue(KnownHeader.Date));

        // Delivered and acknowledged: a new registration brings nothing again.
        Assert.Equal(200, (await carol.RegisterAsync("carol-pw")).StatusCode);
        Assert.True(await carol.NoRequestWithinAsync(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Stored_message_refused_by_the_client_stays_for_the_next_registration()
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);
        Assert.Equal(202, (await alice.MessageAsync("sip:carol@example.com", "keep me", "alice-pw")).StatusCode);

        await using var carol = TestPhone.Udp("sip:carol@example.com", node.Udp);
        await carol.RegisterAsync("carol-pw");
        await carol.ReplyAsync(await carol.NextRequestAsync(), 480);
        await carol.RegisterAsync("carol-pw");
        var again = await carol.NextRequestAsync();
        await carol.ReplyAsync(again, 200);

        Assert.Equal("keep me", Text(again));
    }
}
