using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Transactions;

/// <summary>Hand a message to the transport (a request, a retransmission, a response or an ACK).</summary>
public sealed record SendMessage(SipMessage Message, SipDestination Destination) : TransactionAction;
