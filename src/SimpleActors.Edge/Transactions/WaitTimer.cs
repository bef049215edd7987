using SimpleActors.Sip.Transactions;

namespace SimpleActors.Edge.Transactions;

/// <summary>
/// Something that waits on the <see cref="TransactionTimerService"/>'s wheel for a wait-state timer (Timer J of a
/// completed server transaction, K of a completed client one) and is itself the wheel's entry: no entry object, callback
/// delegate or closure per transaction, which at thousands of UDP requests a second all lived the 32 s of Timer J
/// (docs/performance.md, "First contact").
/// </summary>
internal abstract class WaitTimer
{
    private volatile bool cancelled;

    /// <summary>When the wait ends (a <see cref="TimeProvider"/> timestamp); set when armed.</summary>
    internal long Due { get; set; }

    /// <summary>Which timer this is, for the report of a callback that throws.</summary>
    internal TimerName Name { get; set; }

    internal bool Cancelled => cancelled;

    /// <summary>The wait is over before its time (a transport error, the layer disposed): <see cref="Expired"/> will not run.</summary>
    public void Cancel() => cancelled = true;

    /// <summary>Runs <see cref="Expired"/> once, unless cancelled; false if it did not run.</summary>
    internal bool Fire()
    {
        if (cancelled)
        {
            return false;
        }

        cancelled = true;
        Expired();
        return true;
    }

    /// <summary>The wait is over.</summary>
    protected abstract void Expired();
}
