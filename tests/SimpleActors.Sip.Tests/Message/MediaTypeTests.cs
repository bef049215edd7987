using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Tests.Message;

public class MediaTypeTests
{
    [Fact]
    public void Content_type_with_parameters_is_parsed()
    {
        var m = MediaType.Parse("application / pidf+xml ; charset=\"UTF-8\"");
        Assert.Equal("application", m.Type);
        Assert.Equal("pidf+xml", m.Subtype);
        Assert.Equal("UTF-8", m.Charset);
        Assert.Equal("application/pidf+xml;charset=\"UTF-8\"", m.ToString());
        Assert.True(m.Matches("Application", "PIDF+XML"));
        Assert.False(m.Matches("application", "xpidf+xml"));
    }

    [Fact]
    public void Accept_list_with_wildcards_and_q_is_parsed()
    {
        var list = MediaType.ParseList("application/pidf+xml;q=1, application/*;q=0.5 , */*;q=0.1, multipart/related");
        Assert.Equal(4, list.Count);
        Assert.Equal(1m, list[0].Q);
        Assert.True(list[1].IsWildcard);
        Assert.True(list[1].Matches("application", "watcherinfo+xml"));
        Assert.False(list[1].Matches("text", "plain"));
        Assert.True(list[2].Matches("text", "plain"));
        Assert.Equal(0.1m, list[2].Q);
        Assert.Null(list[3].Q);
    }

    [Fact]
    public void Empty_accept_is_an_empty_list()
    {
        Assert.Empty(MediaType.ParseList(" "));
    }

    [Theory]
    [InlineData("application")]
    [InlineData("application/")]
    [InlineData("/xml")]
    [InlineData("*/xml")]
    [InlineData("text/plain;q=2")]
    [InlineData("text/plain;charset=")]
    [InlineData("text/plain garbage")]
    public void Malformed_media_types_are_rejected(string text)
    {
        Assert.Throws<SipParseException>(() => MediaType.Parse(text));
    }
}
