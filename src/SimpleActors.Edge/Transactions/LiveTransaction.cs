using SimpleActors.Sip.Transactions;

namespace SimpleActors.Edge.Transactions;

/// <summary>
/// One running transaction: its state machine, the lock that feeds it one input at a time, and its armed
/// timers. Timer actions are applied under the lock; the rest (sends, results) are returned for the layer to
/// carry out after the lock is released.
/// </summary>
internal abstract class LiveTransaction : IDisposable
{
    private readonly Lock gate = new();
    private readonly TransactionTimerService time;
    private readonly Action<LiveTransaction, List<TransactionAction>> onTimerActions;
    private readonly Dictionary<TimerName, ArmedTimer> timers = [];
    private long generation;

    /// <param name="time">The clock the timers run on.</param>
    /// <param name="onTimerActions">Carries out what a fired timer left to do (outside the lock).</param>
    protected LiveTransaction(TransactionTimerService time, Action<LiveTransaction, List<TransactionAction>> onTimerActions)
    {
        this.time = time;
        this.onTimerActions = onTimerActions;
    }

    /// <summary>True once the machine has terminated or the transaction was abandoned.</summary>
    public bool IsTerminated { get; private set; }

    /// <summary>
    /// Feeds one input to the machine under the lock and applies its timer actions; returns the actions left to
    /// carry out (sends, deliveries, failures, <see cref="Terminated"/>), in order.
    /// </summary>
    public List<TransactionAction> Feed(Func<IReadOnlyList<TransactionAction>> input)
    {
        lock (gate)
        {
            return IsTerminated ? [] : ApplyLocked(input());
        }
    }

    /// <summary>The machine's handling of a fired timer.</summary>
    protected abstract IReadOnlyList<TransactionAction> OnTimer(TimerName name);

    /// <summary>A timer fired: feeds it to the machine unless it was cancelled or re-armed meanwhile.</summary>
    private void Fire(TimerName name, long armed)
    {
        List<TransactionAction> rest;
        lock (gate)
        {
            if (IsTerminated || !timers.TryGetValue(name, out var timer) || timer.Generation != armed)
            {
                return;
            }

            timers.Remove(name);
            timer.Timer.Dispose();
            rest = ApplyLocked(OnTimer(name));
        }

        if (rest.Count > 0)
        {
            onTimerActions(this, rest);
        }
    }

    /// <summary>Stops the transaction without a machine input (the TU gave up, or the layer is disposed).</summary>
    public bool Abandon()
    {
        lock (gate)
        {
            if (IsTerminated)
            {
                return false;
            }

            IsTerminated = true;
            DisarmAll();
            return true;
        }
    }

    public void Dispose() => Abandon();

    private List<TransactionAction> ApplyLocked(IReadOnlyList<TransactionAction> actions)
    {
        var rest = new List<TransactionAction>(actions.Count);
        foreach (var action in actions)
        {
            switch (action)
            {
                case StartTimer start:
                    Disarm(start.Timer);
                    var armed = ++generation;
                    var timer = time.Start(start.Timer, start.Delay, static s => ((TimerState)s!).Fire(), new TimerState(this, start.Timer, armed));
                    timers[start.Timer] = new ArmedTimer(timer, armed);
                    break;

                case CancelTimer cancel:
                    Disarm(cancel.Timer);
                    break;

                case Terminated:
                    IsTerminated = true;
                    DisarmAll();
                    rest.Add(action);
                    break;

                default:
                    rest.Add(action);
                    break;
            }
        }

        return rest;
    }

    private void Disarm(TimerName name)
    {
        if (timers.Remove(name, out var timer))
        {
            timer.Timer.Dispose();
        }
    }

    private void DisarmAll()
    {
        foreach (var timer in timers.Values)
        {
            timer.Timer.Dispose();
        }

        timers.Clear();
    }

    private readonly record struct ArmedTimer(IDisposable Timer, long Generation);

    private sealed record TimerState(LiveTransaction Transaction, TimerName Name, long Generation)
    {
        public void Fire() => Transaction.Fire(Name, Generation);
    }
}
