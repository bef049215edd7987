using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;
using static SimpleActors.Sip.Tests.Transactions.TestMessages;

namespace SimpleActors.Sip.Tests.Transactions;

public class MergedRequestTests
{
    private static readonly SipRequest First = Request(SipMethod.Message, branch: "z9hG4bKpath1");

    private static Dictionary<MergedRequestKey, ServerTransactionKey> Ongoing()
        => new() { [MergedRequestKey.For(First)!] = ServerTransactionKey.For(First) };

    [Fact]
    public void The_same_request_by_another_path_is_merged_and_gets_482()
    {
        // RFC 3261 section 8.2.2.2: same From tag, Call-ID and CSeq, another branch.
        var second = Request(SipMethod.Message, branch: "z9hG4bKpath2", sentBy: "proxy2.example.com");

        Assert.True(MergedRequest.IsMerged(Ongoing(), second, ServerTransactionKey.For(second)));
    }

    [Fact]
    public void A_retransmission_is_not_merged()
        => Assert.False(MergedRequest.IsMerged(Ongoing(), First, ServerTransactionKey.For(First)));

    [Fact]
    public void A_request_with_a_To_tag_or_another_CSeq_is_not_merged()
    {
        var inDialog = Request(SipMethod.Message, branch: "z9hG4bKpath2", toTag: "t");
        var next = Request(SipMethod.Message, branch: "z9hG4bKpath2", cseq: 2);

        Assert.Null(MergedRequestKey.For(inDialog));
        Assert.False(MergedRequest.IsMerged(Ongoing(), inDialog, ServerTransactionKey.For(inDialog)));
        Assert.False(MergedRequest.IsMerged(Ongoing(), next, ServerTransactionKey.For(next)));
    }

    [Fact]
    public void ACK_has_no_merged_request_key()
        => Assert.Null(MergedRequestKey.For(Request(SipMethod.Ack)));
}
