namespace SimpleActors.Sip.Events;

/// <summary>What the owner of a <see cref="Notifier"/> does after a transition.</summary>
public abstract record NotifierStep
{
    private NotifierStep()
    {
    }

    /// <summary>Nothing to do now.</summary>
    public static readonly NotifierStep Wait = new WaitStep();

    /// <summary>Send a NOTIFY of this kind now, then tell the notifier with <see cref="Notifier.Sent"/>.</summary>
    public sealed record Send(NotifyKind Kind) : NotifierStep;

    /// <summary>Call <see cref="Notifier.Elapsed"/> at this time: a change is held back until then.</summary>
    public sealed record HoldUntil(DateTimeOffset At) : NotifierStep;

    /// <summary>The input does not fit the notifier's state and changed nothing (an answer to a NOTIFY not out, a change after the end).</summary>
    public sealed record Refused(string Why) : NotifierStep;

    private sealed record WaitStep : NotifierStep;
}
