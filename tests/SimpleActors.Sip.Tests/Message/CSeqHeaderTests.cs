using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Tests.Message;

public class CSeqHeaderTests
{
    [Theory]
    [InlineData("4711 INVITE", 4711u, "INVITE")]
    [InlineData("  0\t  REGISTER ", 0u, "REGISTER")]
    [InlineData("2147483647 SUBSCRIBE", 2147483647u, "SUBSCRIBE")]
    [InlineData("1 foo", 1u, "foo")]
    public void Valid_cseq_is_parsed(string text, uint number, string method)
    {
        var cseq = CSeqHeader.Parse(text);
        Assert.Equal(number, cseq.Number);
        Assert.Equal(method, cseq.Method);
    }

    [Theory]
    [InlineData("2147483648 INVITE")]
    [InlineData("99999999999999999999999 INVITE")]
    [InlineData("-1 INVITE")]
    [InlineData("INVITE")]
    [InlineData("1INVITE")]
    [InlineData("1 INV ITE")]
    [InlineData("1 ")]
    public void Cseq_out_of_range_or_malformed_is_rejected_with_400(string text)
    {
        var e = Assert.Throws<SipParseException>(() => CSeqHeader.Parse(text));
        Assert.Equal(400, e.StatusCode);
    }

    [Fact]
    public void Cseq_round_trips()
    {
        Assert.Equal("314159 NOTIFY", CSeqHeader.Parse("314159   NOTIFY").ToString());
    }
}
