using System.Collections.Concurrent;
using SimpleActors.Edge.Transport;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Tests.Transport;

/// <summary>An inbound that records what the sockets hand it, optionally answering through a sender.</summary>
internal sealed class RecordingInbound : ISipInbound
{
    public BlockingCollection<(SipMessage Message, SipFlow Flow)> Received { get; } = new();

    public BlockingCollection<(SipParseException Error, SipFlow Flow, bool Answered)> Refusals { get; } = new();

    /// <summary>An exception to throw instead of recording a message, or null to record it.</summary>
    public Func<SipMessage, Exception?> Fault { get; set; } = _ => null;

    public void Receive(SipMessage message, SipFlow flow)
    {
        if (Fault(message) is { } fault)
        {
            throw fault;
        }

        Received.Add((message, flow));
    }

    public void Refused(SipParseException refusal, SipFlow flow, bool answered) => Refusals.Add((refusal, flow, answered));

    public (SipMessage Message, SipFlow Flow) Next()
        => Received.TryTake(out var item, TimeSpan.FromSeconds(10)) ? item : throw new TimeoutException("no message received");

    public (SipParseException Error, SipFlow Flow, bool Answered) NextRefusal()
        => Refusals.TryTake(out var item, TimeSpan.FromSeconds(10)) ? item : throw new TimeoutException("nothing refused");
}
