using SimpleActors.Edge.Presence;

namespace SimpleActors.Edge.Tests.Presence;

public sealed class PendingAnswersTests
{
    [Fact]
    public void A_dialog_with_no_answer_pending_lets_requests_go_at_once() =>
        Assert.True(new PendingAnswers().WhenAnswered("call-1").IsCompleted);

    [Fact]
    public void Requests_wait_until_every_answer_pending_in_their_dialog_has_left()
    {
        var answers = new PendingAnswers();
        var first = answers.Begin("call-1");
        var second = answers.Begin("call-1");
        var other = answers.Begin("call-2");

        var waiting = answers.WhenAnswered("call-1");
        first.Dispose();
        var afterFirst = waiting.IsCompleted;
        second.Dispose();

        Assert.False(afterFirst);
        Assert.True(waiting.IsCompleted);
        Assert.False(answers.WhenAnswered("call-2").IsCompleted);
        other.Dispose();
        Assert.Equal(0, answers.Count);
    }

    [Fact]
    public void A_handle_disposed_twice_counts_once_and_a_new_answer_waits_again()
    {
        var answers = new PendingAnswers();
        var first = answers.Begin("call-1");
        var second = answers.Begin("call-1");

        first.Dispose();
        first.Dispose();
        var stillWaiting = !answers.WhenAnswered("call-1").IsCompleted;
        second.Dispose();
        using var third = answers.Begin("call-1");

        Assert.True(stillWaiting);
        Assert.False(answers.WhenAnswered("call-1").IsCompleted);
    }
}
