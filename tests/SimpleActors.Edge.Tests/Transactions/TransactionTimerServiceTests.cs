using Microsoft.Extensions.Time.Testing;
using SimpleActors.Edge.Transactions;
using SimpleActors.Sip.Transactions;

namespace SimpleActors.Edge.Tests.Transactions;

/// <summary>A timer callback that throws is reported and goes no further: on a real timer thread it would end the process.</summary>
public sealed class TransactionTimerServiceTests
{
    [Theory]
    [InlineData(TimerName.E)] // a real timer
    [InlineData(TimerName.J)] // the wheel
    public void A_callback_that_throws_is_reported_and_the_other_timers_still_fire(TimerName name)
    {
        var time = new FakeTimeProvider();
        var failures = new List<(TimerName, Exception)>();
        using var timers = new TransactionTimerService(time, (timer, e) => failures.Add((timer, e)));
        var fired = false;

        timers.Start(name, TimeSpan.FromSeconds(1), () => throw new InvalidOperationException("broken"));
        timers.Start(name, TimeSpan.FromSeconds(2), () => fired = true);
        time.Advance(TimeSpan.FromSeconds(3));

        var (timer, error) = Assert.Single(failures);
        Assert.Equal(name, timer);
        Assert.Equal("broken", error.Message);
        Assert.True(fired);
    }
}
