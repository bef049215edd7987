using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>REGISTER with digest authentication over real UDP and TCP sockets to a complete node.</summary>
public sealed class RegistrarTests : IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task Register_is_challenged_then_accepted_with_the_binding_and_its_expiry()
    {
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);

        var challenge = await alice.RegisterAsync(password: null);
        var ok = await alice.RegisterAsync("alice-pw", expires: 600);

        Assert.Equal(401, challenge.StatusCode);
        Assert.Equal(["MD5", "SHA-256"], challenge.WwwAuthenticate.Select(c => c.Algorithm!));
        Assert.Equal(200, ok.StatusCode);
        var contact = Assert.Single(ok.Contacts);
        Assert.Equal(alice.ContactUri, contact.Address!.Uri.ToString());
        Assert.InRange(contact.Expires!.Value, 598, 600);
        Assert.Equal(alice.Local.Port, ok.TopVia!.Rport); // RFC 3581: the response came back to the source port
    }

    [Fact]
    public async Task Register_over_tcp_with_wrong_password_is_refused_and_for_someone_else_is_forbidden()
    {
        await using var bob = await TestPhone.TcpAsync("sip:bob@example.com", node.Tcp);

        var wrong = await bob.RegisterAsync("not-bob");

        // RFC 7616 section 3.3: challenged again, without stale (the password is wrong, not the nonce).
        Assert.Equal(401, wrong.StatusCode);
        Assert.All(wrong.WwwAuthenticate, c => Assert.False(c.Stale));
        Assert.Equal(200, (await bob.RegisterAsync("bob-pw")).StatusCode);
    }

    [Fact]
    public async Task Unregister_removes_the_binding_and_star_removes_all()
    {
        await using var carol = TestPhone.Udp("sip:carol@example.com", node.Udp);
        Assert.Equal(200, (await carol.RegisterAsync("carol-pw", 600)).StatusCode);
        Assert.Equal(200, (await carol.RegisterAsync("carol-pw", 600, "sip:carol@127.0.0.1:5999")).StatusCode);

        var one = await carol.RegisterAsync("carol-pw", 0);
        var all = await carol.RequestAsync("REGISTER", "sip:example.com", "<sip:carol@example.com>", null, "carol-pw", "Contact: *", "Expires: 0");

        Assert.Equal(["sip:carol@127.0.0.1:5999"], one.Contacts.Select(c => c.Address!.Uri.ToString()));
        Assert.Equal(200, all.StatusCode);
        Assert.Empty(all.Contacts);
    }

    [Fact]
    public async Task Too_brief_expiry_gets_423_with_min_expires_and_unknown_user_404()
    {
        await using var mallory = TestPhone.Udp("sip:mallory@example.com", node.Udp);
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);

        var unknown = await mallory.RegisterAsync(null);
        var brief = await alice.RegisterAsync("alice-pw", expires: 1);

        Assert.Equal(404, unknown.StatusCode);
        Assert.Equal(423, brief.StatusCode);
        Assert.Equal(2, brief.MinExpires);
    }

    [Fact]
    public async Task Options_is_answered_over_udp_and_tcp()
    {
        await using var udp = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var tcp = await TestPhone.TcpAsync("sip:alice@example.com", node.Tcp);

        var overUdp = await udp.RequestAsync("OPTIONS", "sip:example.com", "<sip:example.com>");
        var overTcp = await tcp.RequestAsync("OPTIONS", "sip:example.com", "<sip:example.com>");

        Assert.Equal(200, overUdp.StatusCode);
        Assert.Equal(200, overTcp.StatusCode);
        Assert.Contains("MESSAGE", overTcp.Allow);
    }
}
