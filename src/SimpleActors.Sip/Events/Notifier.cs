namespace SimpleActors.Sip.Events;

/// <summary>
/// The rules every notifier keeps, whatever its event package, as a pure state machine (time passed in):
/// <list type="bullet">
/// <item>one NOTIFY in flight per subscription: the next waits for the final response to the last (RFC 6665 section
/// 4.2.2, so that they cannot arrive out of order); state that changes meanwhile is sent once, as it is then;</item>
/// <item>a change is reported at most once per minimum interval (RFC 6446 section 3.1's rate control); changes inside
/// the interval are coalesced into one NOTIFY at its end;</item>
/// <item>a NOTIFY that answers a request (an accepted SUBSCRIBE, an authorization) carries the whole state and is not
/// held back by the interval (RFC 6665 section 4.2.1: it follows the request at once);</item>
/// <item>the final NOTIFY (terminated) goes before anything else still due and ends the notifier; its answer is not
/// awaited, and nothing is sent after it (RFC 6665 section 4.2.2).</item>
/// </list>
/// <code>
///            Request / Change (interval over) / End
///   Idle ─────────────────────────────────────────▶ InFlight ──Answered──▶ Idle, or the next due NOTIFY at once
///    │ ▲                                             │    │
///    │ └────────Elapsed (the change goes) ──┐        │    └──End──▶ Ending ──Answered──▶ (final sent) ──▶ Ended
///    └──Change (inside the interval)──▶ RateLimited  └──Request / Change: remembered as due
///                                            │
///                                            └──Request / End: sent at once (no interval for them)
/// </code>
/// The owner carries out the returned <see cref="NotifierStep"/>: on <see cref="NotifierStep.Send"/> it sends the NOTIFY
/// and reports its CSeq with <see cref="Sent"/>; on <see cref="NotifierStep.HoldUntil"/> it calls <see cref="Elapsed"/>
/// then. Inputs that do not fit are <see cref="NotifierStep.Refused"/> and change nothing; a call that breaks the
/// protocol (a send while one is out, or after the end) throws.
/// </summary>
/// <param name="MinInterval">The least time between two NOTIFYs that report changes; zero sends each change as it comes.</param>
/// <param name="InFlight">The CSeq of the NOTIFY out; 0 when none is.</param>
/// <param name="Due">What is waiting to be sent.</param>
/// <param name="LastSentAt">When the last NOTIFY left (<see cref="DateTimeOffset.MinValue"/>: none yet).</param>
/// <param name="HeldUntil">When a held-back change may go; null when none is held.</param>
/// <param name="Ended">The final NOTIFY went.</param>
public sealed record Notifier(
    TimeSpan MinInterval, uint InFlight, NotifyDue Due, DateTimeOffset LastSentAt, DateTimeOffset? HeldUntil, bool Ended)
{
    /// <summary>A new subscription's notifier: nothing sent, nothing due.</summary>
    public static Notifier Start(TimeSpan minInterval) => new(minInterval, 0, NotifyDue.None, DateTimeOffset.MinValue, null, false);

    public NotifierPhase Phase =>
        Ended ? NotifierPhase.Ended
        : InFlight != 0 ? (Due.HasFlag(NotifyDue.Final) ? NotifierPhase.Ending : NotifierPhase.InFlight)
        : HeldUntil is not null ? NotifierPhase.RateLimited
        : NotifierPhase.Idle;

    /// <summary>A request was accepted: the whole state is due now.</summary>
    public (Notifier Next, NotifierStep Step) Request(DateTimeOffset now) => Ended ? Refuse("the subscription has ended") : (this with { Due = Due | NotifyDue.Full }).Next(now);

    /// <summary>The resource's state changed.</summary>
    public (Notifier Next, NotifierStep Step) Change(DateTimeOffset now) => Ended ? Refuse("the subscription has ended") : (this with { Due = Due | NotifyDue.Change }).Next(now);

    /// <summary>
    /// The last NOTIFY carried only part of a state (its body's size limit, RFC 4662 section 5): the rest goes as soon as
    /// that NOTIFY is answered, not held back by the interval, since it is the same state and not a new change.
    /// </summary>
    public (Notifier Next, NotifierStep Step) Continue(DateTimeOffset now) => Ended ? Refuse("the subscription has ended") : (this with { Due = Due | NotifyDue.Rest }).Next(now);

    /// <summary>The subscription ends: the final NOTIFY is due.</summary>
    public (Notifier Next, NotifierStep Step) End(DateTimeOffset now) => Ended ? Refuse("the subscription has ended") : (this with { Due = Due | NotifyDue.Final }).Next(now);

    /// <summary>The NOTIFY with <paramref name="cseq"/> got its final response (or timed out): the next due one may go.</summary>
    public (Notifier Next, NotifierStep Step) Answered(uint cseq, DateTimeOffset now) =>
        InFlight == 0 || cseq != InFlight ? Refuse($"no NOTIFY with CSeq {cseq} is in flight") : (this with { InFlight = 0 }).Next(now);

    /// <summary>The time a held-back change waited for has come (an early call holds it again).</summary>
    public (Notifier Next, NotifierStep Step) Elapsed(DateTimeOffset now) =>
        HeldUntil is null ? Refuse("no change is held back") : (this with { HeldUntil = null }).Next(now);

    /// <summary>
    /// The owner sent the NOTIFY a <see cref="NotifierStep.Send"/> asked for, with <paramref name="cseq"/>. A full or final
    /// one carries every change due; a final one ends the notifier and is not awaited.
    /// </summary>
    public Notifier Sent(NotifyKind kind, uint cseq, DateTimeOffset now)
    {
        if (Ended || InFlight != 0)
        {
            throw new InvalidOperationException(Ended ? "Nothing is sent after the final NOTIFY." : $"NOTIFY {InFlight} is still in flight.");
        }

        return kind == NotifyKind.Final
            ? this with { Due = NotifyDue.None, HeldUntil = null, LastSentAt = now, Ended = true }
            : this with { InFlight = cseq, Due = kind == NotifyKind.Full ? NotifyDue.None : Due & ~(NotifyDue.Change | NotifyDue.Rest), HeldUntil = null, LastSentAt = now };
    }

    /// <summary>
    /// The subscription ended without this notifier's final NOTIFY (the watcher is gone: a NOTIFY answered 481 or timed
    /// out, RFC 6665 section 4.2.2; or the expiry sent its own): nothing more is sent, and an answer still coming is refused.
    /// </summary>
    public Notifier Stop() => this with { InFlight = 0, Due = NotifyDue.None, HeldUntil = null, Ended = true };

    /// <summary>What is due now, in order: the final NOTIFY, then the whole state, then a change once its interval is over.</summary>
    private (Notifier Next, NotifierStep Step) Next(DateTimeOffset now)
    {
        if (InFlight != 0 || Due == NotifyDue.None)
        {
            return (this, NotifierStep.Wait);
        }

        if (Due.HasFlag(NotifyDue.Final))
        {
            return (this, new NotifierStep.Send(NotifyKind.Final));
        }

        if (Due.HasFlag(NotifyDue.Full))
        {
            return (this, new NotifierStep.Send(NotifyKind.Full));
        }

        if (Due.HasFlag(NotifyDue.Rest))
        {
            return (this with { HeldUntil = null }, new NotifierStep.Send(NotifyKind.Change));
        }

        var at = LastSentAt == DateTimeOffset.MinValue ? now : LastSentAt + MinInterval;
        if (at <= now)
        {
            return (this, new NotifierStep.Send(NotifyKind.Change));
        }

        return HeldUntil is { } held ? (this, NotifierStep.Wait) : (this with { HeldUntil = at }, new NotifierStep.HoldUntil(at));
    }

    private (Notifier Next, NotifierStep Step) Refuse(string why) => (this, new NotifierStep.Refused(why));
}
