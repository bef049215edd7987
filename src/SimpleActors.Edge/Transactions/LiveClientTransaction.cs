using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;

namespace SimpleActors.Edge.Transactions;

/// <summary>A running client transaction, with the caller waiting for its final response.</summary>
internal sealed class LiveClientTransaction(
    ClientTransaction machine,
    IProgress<SipResponse>? provisional, // and 2xx after the first (RFC 6026)
    TransactionTimerService time,
    Action<LiveTransaction, List<TransactionAction>> onTimerActions)
    : LiveTransaction(time, onTimerActions)
{
    private readonly TaskCompletionSource<SipResponse> final = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ClientTransaction Machine { get; } = machine;

    /// <summary>Completes with the final response, or the synthetic 408/503.</summary>
    public Task<SipResponse> Final => final.Task;

    /// <summary>
    /// A response from the machine: provisional ones are reported, the first final one completes <see cref="Final"/>,
    /// and a 2xx after it (an INVITE's in RFC 6026's Accepted state: a retransmission, or another fork's) is reported.
    /// </summary>
    public void Deliver(SipResponse response)
    {
        if (response.IsProvisional || (response.IsSuccess && final.Task.IsCompleted))
        {
            provisional?.Report(response);
        }
        else
        {
            final.TrySetResult(response);
        }
    }

    /// <summary>The TU acts as if it got this status (RFC 3261 section 8.1.3.1: 408 for a timeout, 503 for a transport error).</summary>
    public void Fail(int statusCode) => final.TrySetResult(SipResponse.CreateLocal(Machine.Request, statusCode));

    public void Cancel(CancellationToken ct) => final.TrySetCanceled(ct);

    protected override IReadOnlyList<TransactionAction> OnTimer(TimerName name) => Machine.OnTimer(name);
}
