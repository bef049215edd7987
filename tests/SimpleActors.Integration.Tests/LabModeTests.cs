namespace SimpleActors.Integration.Tests;

/// <summary>Lab mode (<c>run --no-auth</c>, <c>Auth:Enabled=false</c>): nothing is challenged, any user of our domains exists.</summary>
public sealed class LabModeTests : IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync(auth: false);

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task Any_user_of_our_domain_registers_and_messages_without_a_challenge()
    {
        await using var load1 = TestPhone.Udp("sip:load1@example.com", node.Udp);
        await using var load2 = TestPhone.Udp("sip:load2@example.com", node.Udp);

        var registered = await load1.RegisterAsync(password: null);
        var sending = load2.MessageAsync("sip:load1@example.com", "no auth here");
        await load1.ReplyAsync(await load1.NextRequestAsync(), 200);

        Assert.Equal(200, registered.StatusCode);
        Assert.Equal(200, (await sending).StatusCode);
        Assert.Equal(202, (await load2.MessageAsync("sip:offline@example.com", "kept")).StatusCode);
        Assert.Equal(403, (await load2.MessageAsync("sip:someone@example.org", "not ours")).StatusCode);
    }
}
