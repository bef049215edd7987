using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Transport;

/// <summary>Where socket actors hand what they read.</summary>
public interface ISipInbound
{
    /// <summary>A message parsed from <paramref name="flow"/>. Must not block: the socket's receive loop waits on it.</summary>
    void Receive(SipMessage message, SipFlow flow);

    /// <summary>
    /// Bytes the parser refused. The socket has already answered when it could (<paramref name="answered"/>);
    /// this is for the log and the counters.
    /// </summary>
    void Refused(SipParseException refusal, SipFlow flow, bool answered);
}
