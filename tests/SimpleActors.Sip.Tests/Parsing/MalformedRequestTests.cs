using System.Text;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Tests.Vectors;

namespace SimpleActors.Sip.Tests.Parsing;

public class MalformedRequestTests
{
    [Theory]
    [InlineData("badinv01", 400)]
    [InlineData("badvers", 505)]
    [InlineData("mismatch01", 400)]
    [InlineData("lwsstart", 400)]
    [InlineData("ncl", 400)]
    public void Refused_torture_request_gets_a_response_with_its_own_transaction_headers(string name, int status)
    {
        var bytes = TortureVector.Rfc4475(name);
        var (_, actual, reason) = TortureVector.Receive(bytes);

        var response = MalformedRequest.TryCreateResponse(bytes, new SipParseException(actual, reason!));

        Assert.NotNull(response);
        Assert.Equal(status, response!.StatusCode);
        Assert.Equal(reason, response.ReasonPhrase);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains(response.CallId!, text, StringComparison.Ordinal);
        Assert.True(response.Headers.Contains(KnownHeader.Via));
        Assert.True(response.Headers.Contains(KnownHeader.CSeq));
        // What we send must itself be a message that parses.
        Assert.Equal(status, ((SipResponse)new SipParser().Parse(SipMessageWriter.ToBytes(response))).StatusCode);
    }

    [Theory]
    [InlineData("insuf")]     // no From, To, Call-ID: the response could not be matched by the client
    [InlineData("bigcode")]   // a response: never answered
    [InlineData("scalarlg")]
    public void Refused_message_that_cannot_be_answered_gets_no_response(string name)
    {
        var bytes = TortureVector.Rfc4475(name);
        var (_, status, reason) = TortureVector.Receive(bytes);

        Assert.Null(MalformedRequest.TryCreateResponse(bytes, new SipParseException(status, reason!)));
    }

    [Fact]
    public void Response_to_a_request_copies_transaction_headers_and_adds_a_to_tag()
    {
        var request = (SipRequest)new SipParser().Parse(TortureVector.Rfc4475("zeromf"));

        var response = SipResponse.CreateFor(request, 200, toTag: "abc");
        var trying = SipResponse.CreateFor(request, 100, toTag: "abc");

        var copied = request.Headers.Select(h => h.Id)
            .Where(id => id is KnownHeader.Via or KnownHeader.To or KnownHeader.From or KnownHeader.CallId or KnownHeader.CSeq);
        Assert.Equal(copied, response.Headers.Select(h => h.Id));
        Assert.Equal("abc", response.To!.Tag);
        Assert.Null(trying.To!.Tag);
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.Equal("OK", response.ReasonPhrase);
    }
}
