using System.Collections.Concurrent;
using SimpleActors.Sip.Transactions;

namespace SimpleActors.Edge.Transactions;

/// <summary>
/// The timers of the live transactions. Retransmission and time-out timers (A, B, E, F, G, H, 100 Trying) are
/// real <see cref="TimeProvider"/> timers. The wait-state timers (D, I, J, K, and RFC 6026's L and M) only end a transaction after it has
/// absorbed late copies — over UDP every server transaction holds Timer J for 32 s, so at thousands of
/// requests a second they are by far the most numerous — and go on a coarse wheel instead: one periodic tick
/// (<see cref="Tick"/>), plain entries, no timer object per transaction. They fire up to one tick late. The completed
/// transactions of the layer are their own entries (<see cref="WaitTimer"/>, <see cref="StartWait"/>).
/// A callback that throws is reported to the owner and goes no further: an exception on a timer thread would end the
/// process (issue 15).
/// </summary>
internal sealed class TransactionTimerService : IDisposable
{
    /// <summary>The wheel's resolution.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    private readonly TimeProvider time;
    private readonly Action<TimerName, Exception> failed;
    private readonly ConcurrentQueue<WaitTimer> pending = new();
    private readonly List<WaitTimer> waiting = [];
    private readonly Lock sweep = new();
    private readonly ITimer ticker;

    /// <param name="time">The clock.</param>
    /// <param name="failed">Told of a callback that threw, and which timer it was.</param>
    public TransactionTimerService(TimeProvider time, Action<TimerName, Exception> failed)
    {
        this.time = time;
        this.failed = failed;
        ticker = time.CreateTimer(static s => ((TransactionTimerService)s!).Sweep(), this, Tick, Tick);
    }

    /// <summary>Arms a timer for <paramref name="name"/>; dispose the result to cancel it.</summary>
    public IDisposable Start(TimerName name, TimeSpan delay, Action<object?> callback, object state)
    {
        if (name is TimerName.D or TimerName.I or TimerName.J or TimerName.K or TimerName.L or TimerName.M)
        {
            var entry = new Entry(callback, state);
            StartWait(name, delay, entry);
            return entry;
        }

        return time.CreateTimer(new TimerCallback(Guard(name, callback)), state, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Puts <paramref name="timer"/> on the wheel for <paramref name="delay"/>; <see cref="WaitTimer.Cancel"/> takes it off.</summary>
    public void StartWait(TimerName name, TimeSpan delay, WaitTimer timer)
    {
        timer.Name = name;
        timer.Due = time.GetTimestamp() + (long)(delay.TotalSeconds * time.TimestampFrequency);
        pending.Enqueue(timer);
    }

    private Action<object?> Guard(TimerName name, Action<object?> callback) => state =>
    {
        try
        {
            callback(state);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failed(name, e);
        }
    };

    /// <summary>Arms a timer that runs <paramref name="fire"/>; dispose the result to cancel it.</summary>
    public IDisposable Start(TimerName name, TimeSpan delay, Action fire) => Start(name, delay, static s => ((Action)s!)(), fire);

    private void Sweep()
    {
        List<WaitTimer>? over = null;
        lock (sweep)
        {
            while (pending.TryDequeue(out var wait))
            {
                waiting.Add(wait);
            }

            var now = time.GetTimestamp();
            var kept = 0;
            for (var i = 0; i < waiting.Count; i++)
            {
                var wait = waiting[i];
                if (wait.Cancelled)
                {
                    continue;
                }

                if (wait.Due <= now)
                {
                    (over ??= []).Add(wait);
                    continue;
                }

                waiting[kept++] = wait;
            }

            waiting.RemoveRange(kept, waiting.Count - kept);
        }

        foreach (var wait in over ?? [])
        {
            try
            {
                wait.Fire();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failed(wait.Name, e);
            }
        }
    }

    public void Dispose() => ticker.Dispose();

    /// <summary>A wait-state timer of a live transaction's machine: its callback is the entry's expiry.</summary>
    private sealed class Entry(Action<object?> callback, object state) : WaitTimer, IDisposable
    {
        public void Dispose() => Cancel();

        protected override void Expired() => callback(state);
    }
}
