using SimpleActors.Msrp.Message;

namespace SimpleActors.Msrp.Tests.Message;

public class MsrpByteRangeTests
{
    public static TheoryData<string, long, long?, long?> Valid => new()
    {
        { "1-25/25", 1, 25, 25 },
        { "1-0/0", 1, 0, 0 },           // a bodiless SEND (RFC 4975 section 7.1.1)
        { "1-*/*", 1, null, null },
        { "1-*/2048", 1, null, 2048 },
        { "1025-2048/*", 1025, 2048, null },
        { "3000000001-4000000000/5000000000", 3000000001, 4000000000, 5000000000 },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void A_byte_range_reads_and_is_written_back(string text, long start, long? end, long? total)
    {
        Assert.True(MsrpByteRange.TryParse(text, out var range));
        Assert.Equal(new MsrpByteRange(start, end, total), range);
        Assert.Equal(text, range.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1-25")]
    [InlineData("1/25")]
    [InlineData("0-25/25")]
    [InlineData("-1-25/25")]
    [InlineData("*-25/25")]
    [InlineData("5-3/25")]
    [InlineData("1-26/25")]
    [InlineData("1 - 25/25")]
    [InlineData("1-25/25 ")]
    [InlineData("+1-25/25")]
    [InlineData("1-25/2x")]
    [InlineData("1-25/25/25")]
    [InlineData("1-1234567890123456789/*")]
    public void A_malformed_byte_range_is_refused(string text)
    {
        Assert.False(MsrpByteRange.TryParse(text, out _));
    }

    [Fact]
    public void A_range_the_grammar_does_not_allow_cannot_be_built()
    {
        Assert.Throws<ArgumentException>(() => new MsrpByteRange(0, 1, 1));
        Assert.Throws<ArgumentException>(() => new MsrpByteRange(10, 5, 20));
        Assert.Throws<ArgumentException>(() => new MsrpByteRange(1, 30, 20));
    }
}
