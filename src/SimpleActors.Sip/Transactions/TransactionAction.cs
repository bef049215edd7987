namespace SimpleActors.Sip.Transactions;

/// <summary>
/// What a transaction machine asks its runner to do, in order. The set is closed: <see cref="SendMessage"/>,
/// <see cref="DeliverToTransactionUser"/>, <see cref="StartTimer"/>, <see cref="CancelTimer"/>,
/// <see cref="TimedOut"/>, <see cref="TransportFailed"/> and <see cref="Terminated"/>.
/// </summary>
public abstract record TransactionAction
{
    private protected TransactionAction()
    {
    }
}
