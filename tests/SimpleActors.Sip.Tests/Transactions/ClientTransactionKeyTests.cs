using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;
using static SimpleActors.Sip.Tests.Transactions.TestMessages;

namespace SimpleActors.Sip.Tests.Transactions;

public class ClientTransactionKeyTests
{
    [Fact]
    public void A_response_matches_the_request_with_its_top_branch_and_CSeq_method()
    {
        var request = Request(SipMethod.Notify);

        Assert.True(ClientTransactionKey.TryFor(Response(request, 200), out var key));
        Assert.Equal(ClientTransactionKey.For(request), key);
    }

    [Fact]
    public void The_response_to_a_CANCEL_does_not_match_the_INVITE()
    {
        var invite = ClientTransactionKey.For(Request(SipMethod.Invite));

        Assert.True(ClientTransactionKey.TryFor(Response(Request(SipMethod.Cancel), 200), out var cancel));
        Assert.NotEqual(invite, cancel);
    }

    [Fact]
    public void A_response_without_a_branch_is_a_stray()
    {
        var response = new SipResponse(200);
        response.Headers.Add(KnownHeader.Via, "SIP/2.0/UDP h.example.com");
        response.Headers.Add(KnownHeader.CSeq, "1 OPTIONS");

        Assert.False(ClientTransactionKey.TryFor(response, out _));
        Assert.False(ClientTransactionKey.TryFor(new SipResponse(200), out _));
    }
}
