using SimpleActors.Engine.Persistence.Query;

namespace SimpleActors.Engine.Tests.Persistence;

public sealed class OrderingFrontierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Contiguous_orderings_settle_up_to_the_last_one_seen()
    {
        var frontier = new OrderingFrontier(1, Timeout);

        Assert.Equal(4, frontier.Advance([1, 2, 3], Now));
        Assert.Equal(4, frontier.Advance([], Now));
        Assert.Equal(6, frontier.Advance([4, 5], Now));
    }

    [Fact]
    public void A_gap_holds_the_frontier_until_the_missing_row_is_visible()
    {
        var frontier = new OrderingFrontier(1, Timeout);

        Assert.Equal(3, frontier.Advance([1, 2, 4, 5], Now)); // 3 committed later than 4 and 5, or not at all
        Assert.Equal(3, frontier.Advance([4, 5], Now.AddSeconds(5)));
        Assert.Equal(6, frontier.Advance([3, 4, 5], Now.AddSeconds(6)));
    }

    [Fact]
    public void A_gap_open_for_the_timeout_is_passed_as_a_rolled_back_insert()
    {
        var frontier = new OrderingFrontier(3, Timeout);

        Assert.Equal(3, frontier.Advance([5, 6], Now));
        Assert.Equal(3, frontier.Advance([5, 6], Now + Timeout - TimeSpan.FromMilliseconds(1)));
        Assert.Equal(7, frontier.Advance([5, 6], Now + Timeout));
    }

    [Fact]
    public void Each_gap_has_its_own_clock_and_orderings_below_the_frontier_are_ignored()
    {
        var frontier = new OrderingFrontier(1, Timeout);

        Assert.Equal(1, frontier.Advance([2, 4], Now));
        Assert.Equal(3, frontier.Advance([2, 4], Now + Timeout)); // the gap at 1 is given up; the one at 3 starts now
        Assert.Equal(3, frontier.Advance([1, 2, 4], Now + Timeout + TimeSpan.FromSeconds(1)));
        Assert.Equal(5, frontier.Advance([4], Now + Timeout + Timeout));
    }
}
