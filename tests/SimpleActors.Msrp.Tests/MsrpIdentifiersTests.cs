using System.Text;
using SimpleActors.Msrp.Message;

namespace SimpleActors.Msrp.Tests;

public class MsrpIdentifiersTests
{
    [Fact]
    public void A_session_id_carries_at_least_80_bits_of_randomness_in_url_safe_characters()
    {
        var ids = Enumerable.Range(0, 2000).Select(_ => MsrpIdentifiers.NewSessionId()).ToList();

        Assert.All(ids, id => Assert.True(id.All(char.IsAsciiLetterOrDigit), id));
        Assert.All(ids, id => Assert.True(id.Length * Math.Log2(62) >= 80, id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Equal(id, new SimpleActors.Msrp.Addressing.MsrpUri("h.example.com", null, id).SessionId));

        // Every character of the alphabet turns up: the ids are not drawn from a narrower set.
        Assert.Equal(62, ids.SelectMany(id => id).Distinct().Count());
    }

    [Fact]
    public void Transaction_and_message_ids_are_idents_of_4_to_32_characters()
    {
        for (var i = 0; i < 200; i++)
        {
            var tid = MsrpIdentifiers.NewTransactionId();
            var request = new MsrpRequest(tid, MsrpMethod.Send, [Sample.Bob], [Sample.Alice]) { MessageId = MsrpIdentifiers.NewMessageId() };
            Assert.InRange(tid.Length, 4, 32);
            Assert.Equal(tid, request.TransactionId);
        }
    }

    [Fact]
    public void A_transaction_id_for_a_body_never_has_its_end_line_in_that_body()
    {
        var tid = MsrpIdentifiers.NewTransactionId();
        var body = Encoding.ASCII.GetBytes("text\r\n-------" + tid + "$\r\nmore");
        Assert.True(MsrpMessageWriter.BodyHoldsEndLine(body, tid));

        for (var i = 0; i < 100; i++)
        {
            var chosen = MsrpIdentifiers.NewTransactionId(body);
            Assert.False(MsrpMessageWriter.BodyHoldsEndLine(body, chosen));
            Assert.DoesNotContain("-------" + chosen, Encoding.ASCII.GetString(body), StringComparison.Ordinal);
        }
    }
}
