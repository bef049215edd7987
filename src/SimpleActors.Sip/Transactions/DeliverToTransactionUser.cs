using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Transactions;

/// <summary>Pass a response up to the transaction user (client transactions only).</summary>
public sealed record DeliverToTransactionUser(SipResponse Response) : TransactionAction;
