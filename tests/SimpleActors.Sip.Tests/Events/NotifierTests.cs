using SimpleActors.Sip.Events;

namespace SimpleActors.Sip.Tests.Events;

/// <summary>The notifier state machine (RFC 6665 section 4.2.2, RFC 6446 section 3.1), transition by transition.</summary>
public sealed class NotifierTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static Notifier Idle() => Notifier.Start(Interval);

    /// <summary>A notifier with NOTIFY <paramref name="cseq"/> out, sent at <see cref="T0"/>.</summary>
    private static Notifier InFlight(uint cseq = 1) => Idle().Sent(NotifyKind.Full, cseq, T0);

    /// <summary>A notifier whose last NOTIFY was answered, sent at <see cref="T0"/>.</summary>
    private static Notifier IdleAfterOne() => InFlight().Answered(1, T0.AddSeconds(1)).Next;

    [Fact]
    public void The_rest_of_a_state_goes_when_the_notify_is_answered_not_held_back_by_the_interval()
    {
        var sentPart = IdleAfterOne().Sent(NotifyKind.Change, 2, T0.AddSeconds(1));

        var (waiting, wait) = sentPart.Continue(T0.AddSeconds(1));
        var (next, step) = waiting.Answered(2, T0.AddSeconds(1.1));
        var afterwards = next.Sent(NotifyKind.Change, 3, T0.AddSeconds(1.1));
        var (_, change) = afterwards.Answered(3, T0.AddSeconds(1.2)).Next.Change(T0.AddSeconds(1.2));

        Assert.Equal(NotifierStep.Wait, wait);
        Assert.Equal(new NotifierStep.Send(NotifyKind.Change), step);
        Assert.Equal(NotifyDue.None, afterwards.Due);
        Assert.IsType<NotifierStep.HoldUntil>(change); // a new change after it keeps to the interval
    }

    [Fact]
    public void A_new_notifier_is_idle_with_nothing_due() =>
        Assert.Equal((NotifierPhase.Idle, NotifyDue.None), (Idle().Phase, Idle().Due));

    [Fact]
    public void Idle_request_sends_the_full_state_at_once()
    {
        var (next, step) = Idle().Request(T0);

        Assert.Equal(new NotifierStep.Send(NotifyKind.Full), step);
        Assert.Equal(NotifierPhase.Idle, next.Phase);
        Assert.Equal(NotifierPhase.InFlight, next.Sent(NotifyKind.Full, 1, T0).Phase);
    }

    [Fact]
    public void Idle_first_change_goes_at_once() =>
        Assert.Equal(new NotifierStep.Send(NotifyKind.Change), Idle().Change(T0).Step);

    [Fact]
    public void Idle_change_after_the_interval_goes_at_once() =>
        Assert.Equal(new NotifierStep.Send(NotifyKind.Change), IdleAfterOne().Change(T0 + Interval).Step);

    [Fact]
    public void Idle_change_inside_the_interval_is_held_until_its_end()
    {
        var (next, step) = IdleAfterOne().Change(T0.AddSeconds(2));

        Assert.Equal(new NotifierStep.HoldUntil(T0 + Interval), step);
        Assert.Equal(NotifierPhase.RateLimited, next.Phase);
    }

    [Fact]
    public void Idle_end_sends_the_final_notify_which_ends_the_notifier()
    {
        var (next, step) = Idle().End(T0);
        var ended = next.Sent(NotifyKind.Final, 1, T0);

        Assert.Equal(new NotifierStep.Send(NotifyKind.Final), step);
        Assert.Equal((NotifierPhase.Ended, 0u), (ended.Phase, ended.InFlight));
    }

    [Fact]
    public void In_flight_a_change_is_remembered_not_sent()
    {
        var (next, step) = InFlight().Change(T0.AddSeconds(10));

        Assert.Equal(NotifierStep.Wait, step);
        Assert.Equal((NotifierPhase.InFlight, NotifyDue.Change), (next.Phase, next.Due));
    }

    [Fact]
    public void In_flight_a_request_is_remembered_not_sent()
    {
        var (next, step) = InFlight().Request(T0);

        Assert.Equal(NotifierStep.Wait, step);
        Assert.Equal(NotifyDue.Full, next.Due);
    }

    [Fact]
    public void In_flight_the_end_waits_for_the_answer()
    {
        var (next, step) = InFlight().End(T0);

        Assert.Equal(NotifierStep.Wait, step);
        Assert.Equal(NotifierPhase.Ending, next.Phase);
    }

    [Fact]
    public void In_flight_the_answer_with_nothing_due_makes_it_idle()
    {
        var (next, step) = InFlight().Answered(1, T0.AddSeconds(1));

        Assert.Equal(NotifierStep.Wait, step);
        Assert.Equal(NotifierPhase.Idle, next.Phase);
    }

    [Fact]
    public void In_flight_the_answer_sends_an_owed_full_state_at_once_even_inside_the_interval()
    {
        var owed = InFlight().Request(T0).Next.Change(T0).Next;

        var (next, step) = owed.Answered(1, T0.AddSeconds(1));
        var sent = next.Sent(NotifyKind.Full, 2, T0.AddSeconds(1));

        Assert.Equal(new NotifierStep.Send(NotifyKind.Full), step);
        Assert.Equal(NotifyDue.None, sent.Due); // the whole state carries the change too
    }

    [Fact]
    public void In_flight_the_answer_holds_a_change_until_the_interval_ends()
    {
        var (next, step) = InFlight().Change(T0.AddSeconds(1)).Next.Answered(1, T0.AddSeconds(2));

        Assert.Equal(new NotifierStep.HoldUntil(T0 + Interval), step);
        Assert.Equal(NotifierPhase.RateLimited, next.Phase);
    }

    [Fact]
    public void In_flight_the_answer_after_the_interval_sends_the_change()
    {
        var (_, step) = InFlight().Change(T0.AddSeconds(1)).Next.Answered(1, T0 + Interval);

        Assert.Equal(new NotifierStep.Send(NotifyKind.Change), step);
    }

    [Fact]
    public void Ending_the_answer_sends_the_final_notify_before_anything_else_due()
    {
        var ending = InFlight().Change(T0).Next.Request(T0).Next.End(T0).Next;

        var (_, step) = ending.Answered(1, T0.AddSeconds(1));

        Assert.Equal(new NotifierStep.Send(NotifyKind.Final), step);
    }

    [Fact]
    public void Rate_limited_more_changes_wait_for_the_same_end()
    {
        var held = IdleAfterOne().Change(T0.AddSeconds(2)).Next;

        var (next, step) = held.Change(T0.AddSeconds(3));

        Assert.Equal(NotifierStep.Wait, step);
        Assert.Equal(T0 + Interval, next.HeldUntil);
    }

    [Fact]
    public void Rate_limited_the_end_of_the_interval_sends_the_change()
    {
        var held = IdleAfterOne().Change(T0.AddSeconds(2)).Next;

        var (next, step) = held.Elapsed(T0 + Interval);
        var sent = next.Sent(NotifyKind.Change, 2, T0 + Interval);

        Assert.Equal(new NotifierStep.Send(NotifyKind.Change), step);
        Assert.Equal((NotifierPhase.InFlight, NotifyDue.None, (DateTimeOffset?)null), (sent.Phase, sent.Due, sent.HeldUntil));
    }

    [Fact]
    public void Rate_limited_an_early_timer_holds_the_change_again()
    {
        var held = IdleAfterOne().Change(T0.AddSeconds(2)).Next;

        var (next, step) = held.Elapsed(T0.AddSeconds(4));

        Assert.Equal(new NotifierStep.HoldUntil(T0 + Interval), step);
        Assert.Equal(NotifierPhase.RateLimited, next.Phase);
    }

    [Fact]
    public void Rate_limited_a_request_is_not_held_back()
    {
        var held = IdleAfterOne().Change(T0.AddSeconds(2)).Next;

        var (next, step) = held.Request(T0.AddSeconds(3));
        var sent = next.Sent(NotifyKind.Full, 2, T0.AddSeconds(3));

        Assert.Equal(new NotifierStep.Send(NotifyKind.Full), step);
        Assert.Equal((NotifyDue.None, (DateTimeOffset?)null), (sent.Due, sent.HeldUntil));
        Assert.IsType<NotifierStep.Refused>(sent.Elapsed(T0 + Interval).Step); // the timer that was armed finds nothing held
    }

    [Fact]
    public void Rate_limited_the_end_is_not_held_back() =>
        Assert.Equal(new NotifierStep.Send(NotifyKind.Final), IdleAfterOne().Change(T0.AddSeconds(2)).Next.End(T0.AddSeconds(3)).Step);

    [Fact]
    public void With_no_interval_every_change_goes_as_it_comes() =>
        Assert.Equal(
            new NotifierStep.Send(NotifyKind.Change),
            Notifier.Start(TimeSpan.Zero).Sent(NotifyKind.Full, 1, T0).Answered(1, T0).Next.Change(T0).Step);

    [Fact]
    public void An_answer_to_a_notify_not_in_flight_is_refused_and_changes_nothing()
    {
        var inFlight = InFlight(7);

        Assert.IsType<NotifierStep.Refused>(inFlight.Answered(6, T0).Step);
        Assert.Equal(inFlight, inFlight.Answered(6, T0).Next);
        Assert.IsType<NotifierStep.Refused>(Idle().Answered(1, T0).Step);
    }

    [Fact]
    public void The_final_notify_is_not_awaited_and_its_answer_is_refused()
    {
        var ended = Idle().Sent(NotifyKind.Final, 3, T0);

        Assert.IsType<NotifierStep.Refused>(ended.Answered(3, T0).Step);
    }

    [Fact]
    public void After_the_end_requests_changes_and_ends_are_refused()
    {
        var ended = Idle().Sent(NotifyKind.Final, 1, T0);

        Assert.IsType<NotifierStep.Refused>(ended.Request(T0).Step);
        Assert.IsType<NotifierStep.Refused>(ended.Change(T0).Step);
        Assert.IsType<NotifierStep.Refused>(ended.End(T0).Step);
    }

    [Fact]
    public void A_second_notify_while_one_is_in_flight_cannot_be_sent() =>
        Assert.Throws<InvalidOperationException>(() => InFlight().Sent(NotifyKind.Change, 2, T0));

    [Fact]
    public void Nothing_can_be_sent_after_the_final_notify() =>
        Assert.Throws<InvalidOperationException>(() => Idle().Sent(NotifyKind.Final, 1, T0).Sent(NotifyKind.Full, 2, T0));

    [Fact]
    public void An_elapsed_timer_with_nothing_held_is_refused() =>
        Assert.IsType<NotifierStep.Refused>(Idle().Elapsed(T0).Step);

    [Fact]
    public void A_stopped_notifier_sends_nothing_more_and_refuses_the_answer_still_coming()
    {
        var stopped = InFlight(4).Change(T0).Next.Stop();

        Assert.Equal((NotifierPhase.Ended, NotifyDue.None), (stopped.Phase, stopped.Due));
        Assert.IsType<NotifierStep.Refused>(stopped.Answered(4, T0).Step);
        Assert.IsType<NotifierStep.Refused>(stopped.Change(T0).Step);
    }
}
