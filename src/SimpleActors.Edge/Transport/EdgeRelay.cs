using Akka.Actor;
using SimpleActors.Engine.Relay;
using SimpleActors.Engine.Sharding;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// How edge nodes hand SIP messages to each other. A message for a flow another node owns is sent by that
/// node (its <see cref="EdgeRelayActor"/>), over the very socket or connection; a response that arrives here
/// for a request another node sent goes to that node. Our Via carries a short token of the sending node
/// (<see cref="NodeParameter"/>), so the owner of a client transaction is known from the response alone.
/// </summary>
public sealed class EdgeRelay
{
    /// <summary>The Via parameter naming the edge node that sent a request: a hash of its cluster address.</summary>
    public const string NodeParameter = "sa-node";

    /// <summary>The relay actor's name under <c>/user</c> on every edge node.</summary>
    public const string ActorName = "sip-edge-relay";

    private static readonly TimeSpan RelayTimeout = TimeSpan.FromSeconds(2);

    private readonly ActorSystem system;
    private readonly Func<IEnumerable<string>> members;

    /// <param name="system">This node's actor system.</param>
    /// <param name="node">This node's cluster address.</param>
    /// <param name="members">The addresses of the cluster's current members (to find the node behind a token).</param>
    public EdgeRelay(ActorSystem system, string node, Func<IEnumerable<string>> members)
    {
        this.system = system;
        this.members = members;
        Node = node;
        Token = TokenOf(node);
    }

    public string Node { get; }

    /// <summary>This node's token, written in the Via of every request it sends.</summary>
    public string Token { get; }

    public static string TokenOf(string node) => ShardHash.Fnv1a(node).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Asks the owner of the destination's flow to send; false when it did not (gone, or the flow is closed).</summary>
    public async Task<bool> TrySendThroughOwnerAsync(byte[] message, SipDestination destination, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var flow = destination.Flow ?? throw new ArgumentException("No flow to relay over", nameof(destination));
        try
        {
            var owner = system.ActorSelection($"{flow.Node}/user/{ActorName}");
            var result = await owner.Ask<RelayResult>(
                new RelaySipMessage(message, destination.Transport, destination.EndPoint, flow), RelayTimeout, ct).ConfigureAwait(false);
            return result.Sent;
        }
        catch (AskTimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// For a response no transaction here was waiting for: the node named by its top Via's token, when that is
    /// another member of the cluster (the response is then passed on), else null (a stray, dropped).
    /// </summary>
    public string? OwnerOf(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var token = response.TopVia?.Parameters[NodeParameter];
        if (token is null || token == Token)
        {
            return null;
        }

        return members().FirstOrDefault(member => TokenOf(member) == token);
    }

    /// <summary>Hands a response to the node whose transaction waits for it.</summary>
    public void PassResponse(string node, SipResponse response)
        => system.ActorSelection($"{node}/user/{ActorName}").Tell(new RelaySipResponse(SipMessageWriter.ToBytes(response)));
}
