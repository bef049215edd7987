using SimpleActors.Msrp.Message;

namespace SimpleActors.Msrp.Tests.Message;

public class MsrpStatusTests
{
    [Theory]
    [InlineData("000 200 OK", 0, 200, "OK")]
    [InlineData("000 200", 0, 200, null)]
    [InlineData("000 413 Message too large", 0, 413, "Message too large")]
    [InlineData("123 408", 123, 408, null)]
    public void A_status_reads_its_namespace_code_and_comment_and_is_written_back(string text, int ns, int code, string? comment)
    {
        Assert.True(MsrpStatus.TryParse(text, out var status));
        Assert.Equal(new MsrpStatus(code, comment, ns), status);
        Assert.Equal(text, status.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("200")]
    [InlineData("000200")]
    [InlineData("00 200")]
    [InlineData("000 20")]
    [InlineData("000 2000")]
    [InlineData("000 200x")]
    [InlineData("abc 200")]
    [InlineData("000  200")]
    [InlineData("000 200 bad\u0001")]
    public void A_malformed_status_is_refused(string text) => Assert.False(MsrpStatus.TryParse(text, out _));

    [Fact]
    public void Trailing_blanks_of_a_comment_are_dropped_since_a_header_value_cannot_keep_them()
    {
        Assert.Equal("000 200 OK", new MsrpStatus(200, "OK  ").ToString());
        Assert.Null(new MsrpStatus(200, " ").Comment);
    }
}
