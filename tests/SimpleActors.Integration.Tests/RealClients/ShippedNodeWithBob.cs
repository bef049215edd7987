using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests.RealClients;

/// <summary>
/// What every real-client test starts from: a node with the shipped configuration, and bob (the test phone, with his
/// demo password) registered on it to receive what alice's client sends him.
/// </summary>
internal sealed class ShippedNodeWithBob : IAsyncDisposable
{
    private ShippedNodeWithBob(NodeProcess node, TestPhone bob)
    {
        Node = node;
        Bob = bob;
    }

    public NodeProcess Node { get; }

    public TestPhone Bob { get; }

    /// <summary>The node's SIP port (UDP and TCP) on 127.0.0.1.</summary>
    public int Port => Node.Udp.Port;

    public static async Task<ShippedNodeWithBob> StartAsync()
    {
        var node = await NodeProcess.StartShippedAsync();
        var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);
        Assert.Equal(200, (await bob.RegisterAsync("bob-secret", 600)).StatusCode);
        return new ShippedNodeWithBob(node, bob);
    }

    /// <summary>The next request the node forwards to bob, answered 200.</summary>
    public async Task<SipRequest> BobReceivesAsync(TimeSpan? timeout = null)
    {
        var request = await Bob.NextRequestAsync(timeout);
        await Bob.ReplyAsync(request, 200);
        return request;
    }

    /// <summary>
    /// The bindings of alice, by a REGISTER without Contact (RFC 3261 section 10.2.3), asked again while none holds
    /// <paramref name="expected"/> (a client may send its REGISTER and its MESSAGE at once), for a few seconds.
    /// </summary>
    public async Task<IReadOnlyList<string>> AliceBindingsAsync(string expected)
    {
        await using var query = TestPhone.Udp("sip:alice@example.com", Node.Udp);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            var response = await query.RequestAsync("REGISTER", "sip:example.com", "<sip:alice@example.com>", null, "alice-secret");
            Assert.Equal(200, response.StatusCode);
            var contacts = response.Contacts.Select(c => c.Address!.Uri.ToString()).ToList();
            if (contacts.Any(c => c.Contains(expected, StringComparison.Ordinal)) || DateTime.UtcNow > deadline)
            {
                return contacts;
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Bob.DisposeAsync();
        await Node.DisposeAsync();
    }
}
