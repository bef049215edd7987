using SimpleActors.Sip.Transactions;

namespace SimpleActors.Edge.Transactions;

/// <summary>A running server transaction and what the layer keeps with it.</summary>
internal sealed class LiveServerTransaction(ServerTransaction machine, TransactionTimerService time, Action<LiveTransaction, List<TransactionAction>> onTimerActions)
    : LiveTransaction(time, onTimerActions)
{
    public ServerTransaction Machine { get; } = machine;

    /// <summary>When the request arrived (Stopwatch ticks), for <see cref="ServerTransactionMetrics"/>.</summary>
    public long StartedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>The entry this transaction holds in the merged-request table, removed when it ends.</summary>
    public MergedRequestKey? MergedKey { get; set; }

    protected override IReadOnlyList<TransactionAction> OnTimer(TimerName name) => Machine.OnTimer(name);
}
