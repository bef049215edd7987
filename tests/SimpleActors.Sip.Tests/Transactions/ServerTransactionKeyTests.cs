using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;
using static SimpleActors.Sip.Tests.Transactions.TestMessages;

namespace SimpleActors.Sip.Tests.Transactions;

public class ServerTransactionKeyTests
{
    [Fact]
    public void A_retransmission_has_the_key_of_the_original()
        => Assert.Equal(ServerTransactionKey.For(Request(SipMethod.Message)), ServerTransactionKey.For(Request(SipMethod.Message)));

    [Fact]
    public void An_ACK_matches_its_INVITE_whatever_its_To_tag()
    {
        var invite = ServerTransactionKey.For(Request(SipMethod.Invite));
        var ack = ServerTransactionKey.For(Request(SipMethod.Ack, toTag: "8321234356"));

        Assert.Equal(invite, ack);
        Assert.Equal(SipMethod.Invite, ack.Method);
        Assert.True(ack.IsRfc3261);
    }

    [Theory]
    [InlineData("z9hG4bK74bf9", "pc33.atlanta.com:5070")] // RFC 3261 section 17.2.3: sent-by is part of the key
    [InlineData("z9hG4bK74bf8", "pc33.atlanta.com")]
    public void Branch_and_sent_by_both_count(string branch, string sentBy)
        => Assert.NotEqual(ServerTransactionKey.For(Request(SipMethod.Message)), ServerTransactionKey.For(Request(SipMethod.Message, branch: branch, sentBy: sentBy)));

    [Fact]
    public void The_method_counts_but_the_transport_and_the_other_headers_do_not()
    {
        var message = ServerTransactionKey.For(Request(SipMethod.Message));

        Assert.NotEqual(message, ServerTransactionKey.For(Request(SipMethod.Options)));
        Assert.Equal(message, ServerTransactionKey.For(Request(SipMethod.Message, transport: "TCP", callId: "other", fromTag: "x", cseq: 9)));
    }

    [Fact]
    public void The_branch_is_compared_without_regard_to_case()
        => Assert.Equal(ServerTransactionKey.For(Request(SipMethod.Message)), ServerTransactionKey.For(Request(SipMethod.Message, branch: "z9hG4bK74BF9")));

    [Fact]
    public void A_CANCEL_is_its_own_transaction_but_names_the_INVITE_it_cancels()
    {
        var invite = ServerTransactionKey.For(Request(SipMethod.Invite));
        var cancel = Request(SipMethod.Cancel);

        // RFC 3261 section 9.2.
        Assert.NotEqual(invite, ServerTransactionKey.For(cancel));
        Assert.Equal(invite, ServerTransactionKey.ForCancelled(cancel));
    }

    [Fact]
    public void Without_the_magic_cookie_the_RFC_2543_fields_make_the_key()
    {
        static ServerTransactionKey Key(string method = SipMethod.Invite, string? toTag = null, string fromTag = "f", string callId = "c@h", uint cseq = 1, string uri = "sip:bob@biloxi.com", string sentBy = "h.example.com")
            => ServerTransactionKey.For(Request(method, branch: "1234", sentBy: sentBy, toTag: toTag, fromTag: fromTag, callId: callId, cseq: cseq, requestUri: uri));

        var invite = Key();
        Assert.False(invite.IsRfc3261);
        Assert.Equal(invite, Key());
        Assert.NotEqual(invite, Key(toTag: "t"));
        Assert.NotEqual(invite, Key(fromTag: "g"));
        Assert.NotEqual(invite, Key(callId: "d@h"));
        Assert.NotEqual(invite, Key(cseq: 2));
        Assert.NotEqual(invite, Key(uri: "sip:carol@biloxi.com"));
        Assert.NotEqual(invite, Key(sentBy: "other.example.com"));

        // RFC 3261 section 17.2.3: the ACK carries the To tag of our response, which the INVITE lacked.
        var ack = Key(SipMethod.Ack, toTag: "ours");
        Assert.NotEqual(invite, ack);
        Assert.Equal(invite, ack.WithoutToTag());
    }

    [Fact]
    public void A_request_without_Via_has_no_key()
        => Assert.Throws<ArgumentException>(() => ServerTransactionKey.For(new SipRequest(SipMethod.Options, "sip:a@b.c")));
}
