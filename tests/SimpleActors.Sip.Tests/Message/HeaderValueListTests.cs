using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Tests.Message;

public class HeaderValueListTests
{
    [Fact]
    public void Commas_inside_quotes_and_angle_brackets_do_not_split()
    {
        var items = HeaderValueList.Split(" \"a, \\\"b\\\", c\" <sip:x@y;p=1,2>;q=0.5 ,, <sip:z@w?h=a,b>\t,");
        Assert.Equal(["\"a, \\\"b\\\", c\" <sip:x@y;p=1,2>;q=0.5", "<sip:z@w?h=a,b>"], items);
    }

    [Fact]
    public void Empty_value_gives_no_elements()
    {
        Assert.Empty(HeaderValueList.Split("  , ,"));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("  , ,\t", true)]
    [InlineData(",", true)]
    [InlineData(" , x", false)]
    [InlineData("\"\"", false)]
    [InlineData("<>", false)]
    [InlineData("\r\n", false)]
    public void An_empty_list_is_told_without_splitting_and_agrees_with_split(string text, bool empty)
    {
        Assert.Equal(empty, HeaderValueList.IsEmptyList(text));
        Assert.Equal(HeaderValueList.Split(text).Count == 0, HeaderValueList.IsEmptyList(text));
    }

    [Theory]
    [InlineData("\"unterminated, x")]
    [InlineData("<sip:a@b, c")]
    public void Unbalanced_quotes_or_brackets_are_rejected(string text)
    {
        Assert.Throws<SipParseException>(() => HeaderValueList.Split(text));
    }

    [Fact]
    public void Option_tags_are_parsed_as_tokens()
    {
        Assert.Equal(["100rel", "timer", "path", "gruu"], HeaderValueList.ParseTokens("100rel ,timer,\tpath, gruu"));
        Assert.Equal(["presence", "presence.winfo"], HeaderValueList.ParseTokens("presence, presence.winfo"));
        Assert.Empty(HeaderValueList.ParseTokens(""));
    }

    [Theory]
    [InlineData("100rel, ti mer")]
    [InlineData("a;b")]
    [InlineData("\"quoted\"")]
    public void Non_token_option_tags_are_rejected(string text)
    {
        Assert.Throws<SipParseException>(() => HeaderValueList.ParseTokens(text));
    }
}
