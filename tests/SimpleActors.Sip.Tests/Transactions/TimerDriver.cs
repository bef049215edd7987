using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;

namespace SimpleActors.Sip.Tests.Transactions;

/// <summary>
/// A fake clock for the pure machines: applies their timer actions, and fires due timers in time order as
/// the test advances the clock, logging every action with the time it was taken.
/// </summary>
internal sealed class TimerDriver
{
    private readonly Func<TimerName, IReadOnlyList<TransactionAction>> fire;
    private readonly Dictionary<TimerName, TimeSpan> due = [];

    public TimerDriver(Func<TimerName, IReadOnlyList<TransactionAction>> fire) => this.fire = fire;

    public TimeSpan Now { get; private set; }

    public List<(TimeSpan At, TransactionAction Action)> Log { get; } = [];

    public IReadOnlyCollection<TimerName> Running => due.Keys;

    public bool IsTerminated => Log.Exists(e => e.Action is Terminated);

    public IReadOnlyList<TransactionAction> Apply(IReadOnlyList<TransactionAction> actions)
    {
        foreach (var action in actions)
        {
            Log.Add((Now, action));
            switch (action)
            {
                case StartTimer start:
                    due[start.Timer] = Now + start.Delay;
                    break;
                case CancelTimer cancel:
                    due.Remove(cancel.Timer);
                    break;
                case Terminated:
                    due.Clear();
                    break;
            }
        }

        return actions;
    }

    public void AdvanceTo(TimeSpan time)
    {
        while (due.Count > 0)
        {
            var next = due.MinBy(kv => kv.Value);
            if (next.Value > time)
            {
                break;
            }

            due.Remove(next.Key);
            Now = next.Value;
            Apply(fire(next.Key));
        }

        Now = time;
    }

    public void AdvanceBy(TimeSpan span) => AdvanceTo(Now + span);

    /// <summary>Times (in seconds) at which a message was sent.</summary>
    public double[] SendTimes(Func<SipMessage, bool>? which = null)
        => [.. Log.Where(e => e.Action is SendMessage s && (which is null || which(s.Message))).Select(e => e.At.TotalSeconds)];

    public double[] TimesOf<T>()
        where T : TransactionAction
        => [.. Log.Where(e => e.Action is T).Select(e => e.At.TotalSeconds)];

    public static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);
}
