using SimpleActors.Sip.Auth;

namespace SimpleActors.Sip.Tests.Auth;

public class NonceCountTrackerTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = Now + TimeSpan.FromMinutes(5);

    [Fact]
    public void Increasing_counts_are_accepted()
    {
        var tracker = new NonceCountTracker();

        Assert.True(tracker.TryAccept("n", 1, Expiry, Now));
        Assert.True(tracker.TryAccept("n", 2, Expiry, Now));
        Assert.True(tracker.TryAccept("n", 7, Expiry, Now));
    }

    [Fact]
    public void A_repeated_count_is_refused()
    {
        var tracker = new NonceCountTracker();
        tracker.TryAccept("n", 1, Expiry, Now);

        Assert.False(tracker.TryAccept("n", 1, Expiry, Now));
    }

    [Fact]
    public void A_lower_count_is_refused()
    {
        var tracker = new NonceCountTracker();
        tracker.TryAccept("n", 5, Expiry, Now);

        Assert.False(tracker.TryAccept("n", 4, Expiry, Now));
        Assert.True(tracker.TryAccept("n", 6, Expiry, Now));
    }

    [Fact]
    public void Counts_are_kept_per_nonce()
    {
        var tracker = new NonceCountTracker();
        tracker.TryAccept("a", 3, Expiry, Now);

        Assert.True(tracker.TryAccept("b", 1, Expiry, Now));
        Assert.False(tracker.TryAccept("a", 3, Expiry, Now));
    }

    [Fact]
    public void Entries_are_dropped_when_their_nonce_expires()
    {
        var tracker = new NonceCountTracker();
        tracker.TryAccept("a", 1, Expiry, Now);
        tracker.TryAccept("b", 1, Expiry + TimeSpan.FromMinutes(1), Now);

        tracker.TryAccept("c", 1, Expiry + TimeSpan.FromMinutes(10), Expiry);

        Assert.Equal(2, tracker.Count);
    }

    [Fact]
    public void An_already_expired_nonce_is_not_recorded()
    {
        var tracker = new NonceCountTracker();

        Assert.False(tracker.TryAccept("n", 1, Now, Now));
        Assert.Equal(0, tracker.Count);
    }

    [Fact]
    public void A_full_tracker_evicts_the_entry_closest_to_expiry()
    {
        var tracker = new NonceCountTracker(capacity: 2);
        tracker.TryAccept("soon", 1, Now + TimeSpan.FromMinutes(1), Now);
        tracker.TryAccept("late", 1, Now + TimeSpan.FromMinutes(4), Now);

        Assert.True(tracker.TryAccept("new", 1, Now + TimeSpan.FromMinutes(5), Now));

        Assert.Equal(2, tracker.Count);
        Assert.False(tracker.TryAccept("late", 1, Now + TimeSpan.FromMinutes(4), Now));
        Assert.True(tracker.TryAccept("soon", 1, Now + TimeSpan.FromMinutes(1), Now)); // forgotten: evicted
    }

    [Theory]
    [InlineData("00000001", 1u)]
    [InlineData("0000000a", 10u)]
    [InlineData("FFFFFFFF", uint.MaxValue)]
    public void Nonce_counts_are_eight_hex_digits(string value, uint expected)
    {
        Assert.True(NonceCountTracker.TryParseNonceCount(value, out var nc));
        Assert.Equal(expected, nc);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("1")]
    [InlineData("000000001")]
    [InlineData("0000000g")]
    [InlineData("-0000001")]
    public void Other_nonce_counts_do_not_parse(string? value)
    {
        Assert.False(NonceCountTracker.TryParseNonceCount(value, out _));
    }
}
