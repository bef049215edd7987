using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Tests.Message;

public class SubscriptionStateHeaderTests
{
    [Fact]
    public void Active_with_expires_is_parsed()
    {
        var s = SubscriptionStateHeader.Parse("active;expires=600");
        Assert.Equal(SubscriptionState.Active, s.State);
        Assert.Equal(600, s.Expires);
        Assert.Null(s.Reason);
    }

    [Fact]
    public void Terminated_with_reason_and_retry_after_is_parsed()
    {
        var s = SubscriptionStateHeader.Parse("Terminated ; reason=probation ; retry-after=30");
        Assert.Equal(SubscriptionState.Terminated, s.State);
        Assert.Equal("probation", s.Reason);
        Assert.Equal(30, s.RetryAfter);
    }

    [Fact]
    public void Extension_state_is_other()
    {
        var s = SubscriptionStateHeader.Parse("waiting");
        Assert.Equal(SubscriptionState.Other, s.State);
        Assert.Equal("waiting", s.StateText);
    }

    [Fact]
    public void Factories_write_the_wire_form()
    {
        Assert.Equal("active;expires=3600", SubscriptionStateHeader.Active(3600).ToString());
        Assert.Equal("pending;expires=10", SubscriptionStateHeader.Pending(10).ToString());
        Assert.Equal("terminated;reason=timeout", SubscriptionStateHeader.Terminated("timeout").ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("active;expires=soon")]
    [InlineData("terminated;retry-after=-1")]
    [InlineData("terminated;reason=\"x y\"")]
    [InlineData("active pending")]
    public void Malformed_subscription_state_is_rejected(string text)
    {
        Assert.Throws<SipParseException>(() => SubscriptionStateHeader.Parse(text));
    }
}
