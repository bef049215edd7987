using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;
using static SimpleActors.Sip.Tests.Transactions.TestMessages;

namespace SimpleActors.Sip.Tests.Transactions;

public class MaxForwardsCheckTests
{
    private static SipRequest WithMaxForwards(string method, int? value)
    {
        var request = Request(method);
        request.Headers.RemoveAll(KnownHeader.MaxForwards);
        if (value is { } v)
        {
            request.Headers.Add(KnownHeader.MaxForwards, v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return request;
    }

    [Fact]
    public void Max_Forwards_zero_on_a_request_to_forward_is_483()
        => Assert.Equal(MaxForwardsVerdict.TooManyHops, MaxForwardsCheck.Check(WithMaxForwards(SipMethod.Message, 0), forwarding: true));

    [Fact]
    public void OPTIONS_with_Max_Forwards_zero_is_answered_locally()
        => Assert.Equal(MaxForwardsVerdict.AnswerLocally, MaxForwardsCheck.Check(WithMaxForwards(SipMethod.Options, 0), forwarding: true));

    [Theory]
    [InlineData(SipMethod.Options, 0)] // RFC 4475 section 3.3.11 zeromf: an endpoint processes it
    [InlineData(SipMethod.Message, 0)]
    [InlineData(SipMethod.Subscribe, 70)]
    public void A_request_to_this_server_proceeds_whatever_its_Max_Forwards(string method, int value)
        => Assert.Equal(MaxForwardsVerdict.Proceed, MaxForwardsCheck.Check(WithMaxForwards(method, value), forwarding: false));

    [Fact]
    public void A_positive_or_missing_Max_Forwards_is_forwarded_one_less()
    {
        Assert.Equal(MaxForwardsVerdict.Proceed, MaxForwardsCheck.Check(WithMaxForwards(SipMethod.Message, 1), forwarding: true));
        Assert.Equal(MaxForwardsVerdict.Proceed, MaxForwardsCheck.Check(WithMaxForwards(SipMethod.Message, null), forwarding: true));
        Assert.Equal(0, MaxForwardsCheck.Forwarded(WithMaxForwards(SipMethod.Message, 1)));
        Assert.Equal(69, MaxForwardsCheck.Forwarded(WithMaxForwards(SipMethod.Message, null)));
    }
}
