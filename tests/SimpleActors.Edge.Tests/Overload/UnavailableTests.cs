using SimpleActors.Edge;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Tests.Overload;

public sealed class UnavailableTests
{
    [Theory]
    [InlineData(0.0, 5)]
    [InlineData(0.5, 7)]
    [InlineData(0.999, 9)]
    [InlineData(1.0, 10)]
    public void Retry_after_falls_between_the_least_and_twice_it(double random, int expected) =>
        Assert.Equal(expected, Unavailable.RetryAfterSeconds(TimeSpan.FromSeconds(5), random));

    [Fact]
    public void Retry_after_is_at_least_a_second() => Assert.Equal(1, Unavailable.RetryAfterSeconds(TimeSpan.FromMilliseconds(200), 0));

    [Fact]
    public void The_response_is_503_with_retry_after_in_seconds()
    {
        var request = TestRequests.Parse(
            "REGISTER sip:example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\nFrom: <sip:a@example.com>;tag=1\r\n" +
            "To: <sip:a@example.com>\r\nCall-ID: c1\r\nCSeq: 1 REGISTER\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");

        var response = Unavailable.Response(request, 7, "t1");

        Assert.Equal(503, response.StatusCode);
        Assert.Equal("7", response.Headers.GetValues(KnownHeader.RetryAfter).Single());
    }
}
