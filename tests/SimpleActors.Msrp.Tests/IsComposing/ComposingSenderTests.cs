using SimpleActors.Msrp.IsComposing;

namespace SimpleActors.Msrp.Tests.IsComposing;

/// <summary>The composer's state machine (RFC 3994 section 3.2), transition by transition.</summary>
public class ComposingSenderTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    [Fact]
    public void A_new_composer_is_idle_with_the_default_refresh_and_nothing_to_wait_for()
    {
        var sender = ComposingSender.Create();

        Assert.Equal(ComposingState.Idle, sender.State);
        Assert.Equal(TimeSpan.FromSeconds(120), sender.Refresh);
        Assert.Null(sender.NextDeadline);
    }

    [Theory]
    [InlineData(10, 60)]
    [InlineData(59.5, 60)]
    [InlineData(90.2, 91)]
    [InlineData(300, 300)]
    public void The_refresh_is_whole_seconds_and_not_below_60(double asked, double announced) =>
        Assert.Equal(TimeSpan.FromSeconds(announced), ComposingSender.Create(refresh: TimeSpan.FromSeconds(asked)).Refresh);

    [Fact]
    public void Idle_and_typing_goes_active_and_announces_it_with_the_refresh()
    {
        var step = ComposingSender.Create("text/plain").Typed(At(0));

        Assert.Equal(ComposingState.Active, step.Sender.State);
        Assert.Equal(new IsComposingDocument(ComposingState.Active) { ContentType = "text/plain", Refresh = 120 }, step.Send);
        Assert.Equal(At(15), step.Sender.IdleDue);
        Assert.Equal(At(110), step.Sender.RefreshDue);
        Assert.Equal(At(15), step.Sender.NextDeadline);
    }

    [Fact]
    public void Active_and_typing_sends_nothing_and_moves_the_idle_timer()
    {
        var active = ComposingSender.Create().Typed(At(0)).Sender;

        var step = active.Typed(At(10));

        Assert.Null(step.Send);
        Assert.Equal(ComposingState.Active, step.Sender.State);
        Assert.Equal(At(25), step.Sender.IdleDue);
        Assert.Equal(At(110), step.Sender.RefreshDue);
    }

    [Fact]
    public void Fifteen_seconds_without_typing_go_idle_and_say_when_the_composer_was_last_active()
    {
        var active = ComposingSender.Create("text").Typed(At(0)).Sender.Typed(At(4)).Sender;

        Assert.Null(active.Elapsed(At(18.9)).Send);
        var step = active.Elapsed(At(19));

        Assert.Equal(ComposingState.Idle, step.Sender.State);
        Assert.Equal(new IsComposingDocument(ComposingState.Idle) { LastActive = At(4), ContentType = "text" }, step.Send);
        Assert.Null(step.Sender.NextDeadline);
    }

    [Fact]
    public void An_active_state_is_refreshed_before_the_refresh_interval_runs_out()
    {
        var sender = ComposingSender.Create(refresh: TimeSpan.FromSeconds(60)).Typed(At(0)).Sender;

        // Typing every 10 s keeps the composer active; the refresh falls due at 60 - 10 s.
        for (var t = 10; t <= 40; t += 10)
        {
            sender = sender.Typed(At(t)).Sender;
            Assert.Null(sender.Elapsed(At(t)).Send);
        }

        sender = sender.Typed(At(45)).Sender;
        Assert.Equal(At(50), sender.NextDeadline);
        var step = sender.Elapsed(At(50));

        Assert.Equal(new IsComposingDocument(ComposingState.Active) { ContentType = "text", Refresh = 60 }, step.Send);
        Assert.Equal(ComposingState.Active, step.Sender.State);
        Assert.Equal(At(100), step.Sender.RefreshDue);
    }

    [Fact]
    public void Typing_when_a_refresh_is_overdue_refreshes_at_once()
    {
        var sender = ComposingSender.Create(refresh: TimeSpan.FromSeconds(60)).Typed(At(0)).Sender;
        for (var t = 10; t <= 40; t += 10)
        {
            sender = sender.Typed(At(t)).Sender;
        }

        var step = sender.Typed(At(51));

        Assert.Equal(ComposingState.Active, step.Send?.State);
        Assert.Equal(At(101), step.Sender.RefreshDue);
    }

    [Fact]
    public void Sending_the_message_goes_idle_without_an_idle_document()
    {
        var active = ComposingSender.Create().Typed(At(0)).Sender;

        var step = active.Sent(At(3));

        Assert.Equal(ComposingState.Idle, step.Sender.State);
        Assert.Null(step.Send);
        Assert.Null(step.Sender.NextDeadline);
    }

    [Fact]
    public void An_idle_composer_ignores_time_and_sending()
    {
        var idle = ComposingSender.Create();

        Assert.Equal(new ComposingStep(idle, null), idle.Elapsed(At(1000)));
        Assert.Equal(new ComposingStep(idle, null), idle.Sent(At(1000)));
    }

    [Fact]
    public void Typing_again_after_going_idle_announces_active_again()
    {
        var idle = ComposingSender.Create().Typed(At(0)).Sender.Elapsed(At(15)).Sender;

        var step = idle.Typed(At(30));

        Assert.Equal(ComposingState.Active, step.Send?.State);
        Assert.Equal(At(45), step.Sender.IdleDue);
    }
}
