using Akka.Actor;
using Akka.Event;
using SimpleActors.Engine.Relay;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// On every edge node: sends SIP messages other nodes relay for flows this node owns, and takes responses
/// other nodes received for requests this node sent. See <see cref="EdgeRelay"/>.
/// </summary>
public sealed class EdgeRelayActor : ReceiveActor
{
    public EdgeRelayActor(EdgeTransportSender sender, SipParser parser, Func<SipResponse, bool> receiveResponse)
    {
        var log = Context.GetLogger();
        ReceiveAsync<RelaySipMessage>(async relay =>
        {
            var replyTo = Sender;
            try
            {
                await sender.SendBytesAsync(relay.Message, new SipDestination(relay.Transport, relay.EndPoint, relay.Flow), CancellationToken.None);
                replyTo.Tell(new RelayResult(true, null));
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                replyTo.Tell(new RelayResult(false, e.Message));
            }
        });
        Receive<RelaySipResponse>(relayed =>
        {
            try
            {
                if (parser.ParseDatagram(relayed.Message) is SipResponse response && !receiveResponse(response))
                {
                    log.Debug("Relayed response {0} matched no transaction", response.CallId);
                }
            }
            catch (SipParseException e)
            {
                log.Warning("Relayed response refused: {0}", e.Reason);
            }
        });
    }

    public static Props Props(EdgeTransportSender sender, SipParser parser, Func<SipResponse, bool> receiveResponse)
        => Akka.Actor.Props.Create<EdgeRelayActor>(sender, parser, receiveResponse);
}
