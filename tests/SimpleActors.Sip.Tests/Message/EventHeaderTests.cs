using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Tests.Message;

public class EventHeaderTests
{
    [Fact]
    public void Template_package_is_split_at_the_first_dot()
    {
        var e = EventHeader.Parse("presence.winfo");
        Assert.Equal("presence.winfo", e.EventType);
        Assert.Equal("presence", e.Package);
        Assert.Equal("winfo", e.Template);
        Assert.Null(e.Id);
    }

    [Fact]
    public void Event_id_parameter_is_exposed()
    {
        var e = EventHeader.Parse("presence ; id=1234;foo");
        Assert.Equal("presence", e.Package);
        Assert.Null(e.Template);
        Assert.Equal("1234", e.Id);
        Assert.True(e.Parameters.Contains("foo"));
        Assert.Equal("presence;id=1234;foo", e.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(".presence")]
    [InlineData("presence.")]
    [InlineData("presence..winfo")]
    [InlineData("pres ence")]
    [InlineData("presence;id=")]
    public void Malformed_event_is_rejected(string text)
    {
        Assert.Throws<SipParseException>(() => EventHeader.Parse(text));
    }

    [Fact]
    public void Id_flag_without_value_gives_no_id()
    {
        var e = EventHeader.Parse("presence;id");
        Assert.True(e.Parameters.Contains("id"));
        Assert.Null(e.Id);
    }
}
