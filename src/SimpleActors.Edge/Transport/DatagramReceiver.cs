using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>
/// What happens to one UDP datagram (RFC 3261 section 18.2.1): it is parsed as one message; a request the parser
/// refuses is answered when its raw rows address a response, else dropped, and counted either way; a message is
/// handed to the inbound. The socket's receive loop runs it, and so does the fuzzer's edge target.
/// </summary>
public static class DatagramReceiver
{
    /// <param name="datagram">The bytes of one datagram.</param>
    /// <param name="flow">Where it came from.</param>
    /// <param name="parser">The node's parser and its limits.</param>
    /// <param name="inbound">Where a message goes.</param>
    /// <param name="answer">Sends the bytes of a refusal back to the sender.</param>
    public static void Receive(ReadOnlySpan<byte> datagram, SipFlow flow, SipParser parser, ISipInbound inbound, Action<byte[]> answer)
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(answer);
        SipMessage? message;
        try
        {
            message = parser.ParseDatagram(datagram);
        }
        catch (SipParseException e)
        {
            var response = MalformedRequest.TryCreateResponse(datagram, e);
            if (response is not null)
            {
                answer(SipMessageWriter.ToBytes(response));
            }

            inbound.Refused(e, flow, response is not null);
            return;
        }

        if (message is not null)
        {
            inbound.Receive(message, flow);
        }
    }
}
