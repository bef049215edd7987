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

    private static SipRequest Options(string replace, string with) => (SipRequest)new SipParser().Parse(Encoding.ASCII.GetBytes(
        ("OPTIONS sip:example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bK1\r\nVia: SIP/2.0/TCP 10.0.0.1\r\n" +
         "Max-Forwards: 70\r\nTo: <sip:example.com>\r\nFrom: <sip:alice@example.com>;tag=1\r\nCall-ID: c1@127.0.0.1\r\n" +
         "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").Replace(replace, with, StringComparison.Ordinal)));

    /// <summary>Issue 15: the rejection read the refused header again and threw. It is built from the raw rows alone.</summary>
    [Theory]
    [InlineData("CSeq: 1 OPTIONS", "CSeq: x OPTIONS")]
    [InlineData("CSeq: 1 OPTIONS", "CSeq: 99999999999 OPTIONS")]
    [InlineData("CSeq: 1 OPTIONS", "CSeq: 1 OPTIONS\r\nCSeq: 2 OPTIONS")]
    [InlineData("To: <sip:example.com>", "To: <sip:example.com")]
    [InlineData("From: <sip:alice@example.com>;tag=1", "From: \"unclosed <sip:alice@example.com>")]
    [InlineData("Via: SIP/2.0/TCP 10.0.0.1", "Via: SIP/2.0/TCP 10.0.0.1:99999999")]
    public void Request_refused_for_a_malformed_header_is_answered_from_its_raw_rows(string replace, string with)
    {
        var request = Options(replace, with);
        Assert.False(SipMessageValidator.TryValidate(request, out var error));

        var response = MalformedRequest.TryCreateResponse(request, error!);

        Assert.NotNull(response);
        Assert.Equal(error!.StatusCode, response!.StatusCode);
        var expected = request.Headers.Where(h => h.Id == KnownHeader.Via).Select(h => h.Value)
            .Concat(new[] { KnownHeader.From, KnownHeader.To, KnownHeader.CallId, KnownHeader.CSeq }.Select(id => request.Headers.GetFirstValue(id)!));
        Assert.Equal(expected.Order(StringComparer.Ordinal), response.Headers.Select(h => h.Value).Order(StringComparer.Ordinal));
        Assert.Equal(error.StatusCode, ((SipResponse)new SipParser().Parse(SipMessageWriter.ToBytes(response))).StatusCode);
    }

    [Theory]
    [InlineData("Via: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bK1\r\nVia: SIP/2.0/TCP 10.0.0.1\r\n")]
    [InlineData("Call-ID: c1@127.0.0.1\r\n")]
    [InlineData("CSeq: 1 OPTIONS\r\n")]
    [InlineData("From: <sip:alice@example.com>;tag=1\r\n")]
    [InlineData("To: <sip:example.com>\r\n")]
    public void Request_without_a_row_a_response_needs_is_not_answered(string row)
    {
        var request = Options(row, string.Empty);
        Assert.False(SipMessageValidator.TryValidate(request, out var error));

        Assert.Null(MalformedRequest.TryCreateResponse(request, error!));
    }
}
