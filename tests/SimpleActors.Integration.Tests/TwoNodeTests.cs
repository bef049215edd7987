using System.Text;
using Akka.Actor;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// Two nodes in one cluster on one journal: a message for a client connected to one node, sent by the other,
/// leaves through the edge that owns the client's connection, and the answer finds its way back.
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private TestNode first = null!;
    private TestNode second = null!;

    public async Task InitializeAsync()
    {
        first = await TestNode.StartAsync();
        second = await TestNode.StartAsync(joining: first);
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    [Fact]
    public async Task Message_through_one_node_reaches_a_tcp_client_of_the_other_over_its_own_connection()
    {
        // Bob is connected to the first node over TCP; a new connection to his ephemeral port would fail.
        await using var bob = await TestPhone.TcpAsync("sip:bob@example.com", first.Tcp);
        Assert.Equal(200, (await bob.RegisterAsync("bob-pw")).StatusCode);
        await using var alice = TestPhone.Udp("sip:alice@example.com", second.Udp);

        var sending = alice.MessageAsync("sip:bob@example.com", "across the cluster", "alice-pw");
        var delivered = await bob.NextRequestAsync();
        await bob.ReplyAsync(delivered, 200);

        Assert.Equal("across the cluster", Encoding.UTF8.GetString(delivered.Body.Span));
        Assert.Contains(delivered.TopVia!.Parameters["sa-node"], new[] { TokenOf(second) });
        Assert.Equal(200, (await sending).StatusCode);
    }

    [Fact]
    public async Task When_the_node_owning_a_udp_flow_is_gone_the_message_goes_out_from_the_other_node()
    {
        await using var bob = TestPhone.Udp("sip:bob@example.com", first.Udp);
        Assert.Equal(200, (await bob.RegisterAsync("bob-pw")).StatusCode);

        await first.StopAsync(); // leaves the cluster; its shards move to the second node
        await using var alice = TestPhone.Udp("sip:alice@example.com", second.Udp);
        var sending = alice.MessageAsync("sip:bob@example.com", "still here?", "alice-pw");
        var delivered = await bob.NextRequestAsync(TimeSpan.FromSeconds(60));
        await bob.ReplyAsync(delivered, 200);

        Assert.Equal("still here?", Encoding.UTF8.GetString(delivered.Body.Span));
        Assert.Equal(200, (await sending).StatusCode);
    }

    private static string TokenOf(TestNode node) => Edge.Transport.EdgeRelay.TokenOf(node.Address);
}
