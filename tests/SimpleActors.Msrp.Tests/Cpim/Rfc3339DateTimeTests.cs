using SimpleActors.Msrp.Cpim;

namespace SimpleActors.Msrp.Tests.Cpim;

public class Rfc3339DateTimeTests
{
    [Theory]
    [InlineData("2000-12-13T13:40:00-08:00", "2000-12-13T13:40:00-08:00")]
    [InlineData("2003-01-27T10:43:00Z", "2003-01-27T10:43:00Z")]
    [InlineData("2003-01-27t10:43:00z", "2003-01-27T10:43:00Z")]
    [InlineData("2003-01-27T10:43:00+00:00", "2003-01-27T10:43:00Z")]
    [InlineData("2003-01-27T10:43:00.5+05:30", "2003-01-27T10:43:00.5+05:30")]
    [InlineData("2003-01-27T10:43:00.123456789Z", "2003-01-27T10:43:00.1234567Z")]
    [InlineData("2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z")]
    public void Date_times_read_and_write_canonically(string text, string canonical)
    {
        Assert.True(Rfc3339DateTime.TryParse(text, out var value));
        Assert.Equal(canonical, Rfc3339DateTime.Format(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2003-01-27T10:43:00")]
    [InlineData("2003-01-27 10:43:00Z")]
    [InlineData("2003-02-29T10:43:00Z")]
    [InlineData("2003-01-27T24:00:00Z")]
    [InlineData("2003-01-27T10:43:60Z")]
    [InlineData("2003-01-27T10:43:00.Z")]
    [InlineData("2003-01-27T10:43:00+15:00")]
    [InlineData("2003-01-27T10:43:00+0100")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("２００3-01-27T10:43:00Z")]
    public void Anything_else_is_refused(string text) => Assert.False(Rfc3339DateTime.TryParse(text, out _));
}
