using SimpleActors.Msrp.IsComposing;

namespace SimpleActors.Msrp.Tests.IsComposing;

/// <summary>The receiver's state machine (RFC 3994 section 3.3), transition by transition.</summary>
public class ComposingReceiverTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    private static readonly IsComposingDocument Active90 = new(ComposingState.Active) { Refresh = 90, ContentType = "text/plain" };

    [Fact]
    public void An_active_document_makes_the_party_active_until_its_refresh_runs_out()
    {
        var receiver = ComposingReceiver.Idle.Received(Active90, At(0));

        Assert.Equal(ComposingState.Active, receiver.State);
        Assert.Equal(At(90), receiver.ExpiresAt);
        Assert.Equal(At(90), receiver.NextDeadline);
        Assert.Equal("text/plain", receiver.ContentType);
    }

    [Fact]
    public void Without_a_refresh_element_the_active_state_lasts_120_seconds() =>
        Assert.Equal(At(120), ComposingReceiver.Idle.Received(new IsComposingDocument(ComposingState.Active), At(0)).ExpiresAt);

    [Fact]
    public void No_refresh_in_time_means_idle()
    {
        var receiver = ComposingReceiver.Idle.Received(Active90, At(0));

        Assert.Equal(ComposingState.Active, receiver.Elapsed(At(89)).State);
        var lapsed = receiver.Elapsed(At(90));

        Assert.Equal(ComposingState.Idle, lapsed.State);
        Assert.Null(lapsed.NextDeadline);
    }

    [Fact]
    public void A_refresh_in_time_keeps_the_party_active()
    {
        var receiver = ComposingReceiver.Idle.Received(Active90, At(0)).Received(Active90, At(80));

        Assert.Equal(ComposingState.Active, receiver.Elapsed(At(100)).State);
        Assert.Equal(At(170), receiver.ExpiresAt);
    }

    [Fact]
    public void An_idle_document_makes_the_party_idle()
    {
        var lastActive = At(-3);
        var receiver = ComposingReceiver.Idle.Received(Active90, At(0)).Received(new IsComposingDocument(ComposingState.Idle) { LastActive = lastActive }, At(5));

        Assert.Equal(ComposingState.Idle, receiver.State);
        Assert.Null(receiver.ExpiresAt);
        Assert.Equal(lastActive, receiver.LastActive);
    }

    [Fact]
    public void A_message_from_the_party_makes_it_idle()
    {
        var receiver = ComposingReceiver.Idle.Received(Active90, At(0)).MessageReceived(At(7));

        Assert.Equal(ComposingState.Idle, receiver.State);
        Assert.Equal(At(7), receiver.LastActive);
        Assert.Null(receiver.NextDeadline);
    }

    [Fact]
    public void An_idle_party_stays_idle_as_time_passes_and_messages_arrive()
    {
        Assert.Same(ComposingReceiver.Idle, ComposingReceiver.Idle.Elapsed(At(1000)));
        Assert.Same(ComposingReceiver.Idle, ComposingReceiver.Idle.MessageReceived(At(1000)));
    }
}
