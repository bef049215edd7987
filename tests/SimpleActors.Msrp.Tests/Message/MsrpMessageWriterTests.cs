using System.Buffers;
using System.Text;
using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Tests.Message;

public class MsrpMessageWriterTests
{
    private static readonly MsrpParser Parser = new();

    [Fact]
    public void A_send_is_written_with_the_paths_first_an_empty_line_the_body_and_the_end_line()
    {
        var send = new MsrpRequest("a786hjs2", MsrpMethod.Send, [Sample.Bob], [Sample.Alice])
        {
            MessageId = "87652491",
            ByteRange = new MsrpByteRange(1, 14, 14),
            ContentType = "text/plain",
            Body = "Hi, I'm Alice!"u8.ToArray(),
        };

        var bytes = MsrpMessageWriter.ToBytes(send);

        Assert.Equal(
            "MSRP a786hjs2 SEND\r\n" +
            "To-Path: msrp://bob.example.com:8493/si438dsaodes;tcp\r\n" +
            "From-Path: msrp://alice.example.com:7394/2s93i9ek2a;tcp\r\n" +
            "Message-ID: 87652491\r\n" +
            "Byte-Range: 1-14/14\r\n" +
            "Content-Type: text/plain\r\n" +
            "\r\n" +
            "Hi, I'm Alice!\r\n" +
            "-------a786hjs2$\r\n",
            Encoding.UTF8.GetString(bytes));
        Assert.Equal(bytes.Length, MsrpMessageWriter.GetByteCount(send));
    }

    [Fact]
    public void A_request_without_a_body_ends_with_the_end_line_right_after_the_headers()
    {
        // RFC 4975 section 5.4: the first SEND on a connection may have no body.
        var send = new MsrpRequest("kd9ei2k3", MsrpMethod.Send, [Sample.Bob], [Sample.Alice])
        {
            MessageId = "empty1",
            ByteRange = new MsrpByteRange(1, 0, 0),
            Continuation = MsrpContinuation.Complete,
        };

        Assert.Equal(
            "MSRP kd9ei2k3 SEND\r\n" +
            "To-Path: msrp://bob.example.com:8493/si438dsaodes;tcp\r\n" +
            "From-Path: msrp://alice.example.com:7394/2s93i9ek2a;tcp\r\n" +
            "Message-ID: empty1\r\n" +
            "Byte-Range: 1-0/0\r\n" +
            "-------kd9ei2k3$\r\n",
            Encoding.UTF8.GetString(MsrpMessageWriter.ToBytes(send)));
    }

    [Theory]
    [InlineData(MsrpContinuation.Complete, '$')]
    [InlineData(MsrpContinuation.More, '+')]
    [InlineData(MsrpContinuation.Abort, '#')]
    public void The_continuation_flag_ends_the_end_line(MsrpContinuation continuation, char flag)
    {
        var send = new MsrpRequest("abcd1234", MsrpMethod.Send, [Sample.Bob], [Sample.Alice]) { Body = "x"u8.ToArray(), Continuation = continuation };

        var text = Encoding.ASCII.GetString(MsrpMessageWriter.ToBytes(send));

        Assert.EndsWith("\r\nx\r\n-------abcd1234" + flag + "\r\n", text, StringComparison.Ordinal);
        Assert.Equal(continuation, ((MsrpRequest)Parser.Parse(Encoding.ASCII.GetBytes(text))).Continuation);
    }

    [Fact]
    public void A_response_has_three_digits_its_comment_and_no_body()
    {
        var response = new MsrpResponse("dkei38sd", 200, "OK", [Sample.Alice], [Sample.Bob]);
        var bare = new MsrpResponse("dkei38sd", 42, null, [Sample.Alice], [Sample.Bob]);

        Assert.Equal(
            "MSRP dkei38sd 200 OK\r\n" +
            "To-Path: msrp://alice.example.com:7394/2s93i9ek2a;tcp\r\n" +
            "From-Path: msrp://bob.example.com:8493/si438dsaodes;tcp\r\n" +
            "-------dkei38sd$\r\n",
            Encoding.UTF8.GetString(MsrpMessageWriter.ToBytes(response)));
        Assert.StartsWith("MSRP dkei38sd 042\r\n", Encoding.UTF8.GetString(MsrpMessageWriter.ToBytes(bare)), StringComparison.Ordinal);
        Assert.True(Parser.Parse(MsrpMessageWriter.ToBytes(bare)).ContentEquals(bare));
    }

    [Fact]
    public void A_path_of_several_uris_is_written_on_one_line_separated_by_spaces()
    {
        var send = new MsrpRequest("abcd1234", MsrpMethod.Send, [Sample.Relay, Sample.Bob], [Sample.Alice]);

        Assert.Contains(
            "\r\nTo-Path: msrps://relay.example.com:2855/hjdhfha;tcp msrp://bob.example.com:8493/si438dsaodes;tcp\r\n",
            Encoding.ASCII.GetString(MsrpMessageWriter.ToBytes(send)),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-------abcd1234")]
    [InlineData("\r\n-------abcd1234$\r\n")]
    [InlineData("-------abcd1234$")]
    [InlineData("-------abcd12345")]
    [InlineData("before-------abcd1234")]
    public void A_body_holding_the_end_line_gets_the_request_a_new_transaction_id(string body)
    {
        // RFC 4975 section 7.1: the sender scans the body for the end-line and picks a new transaction id if it is there.
        var send = new MsrpRequest("abcd1234", MsrpMethod.Send, [Sample.Bob], [Sample.Alice]) { Body = Encoding.ASCII.GetBytes(body) };

        var bytes = MsrpMessageWriter.ToBytes(send);

        Assert.NotEqual("abcd1234", send.TransactionId);
        Assert.False(MsrpMessageWriter.BodyHoldsEndLine(send.Body.Span, send.TransactionId));
        var parsed = Assert.IsType<MsrpRequest>(Parser.Parse(bytes));
        Assert.True(parsed.ContentEquals(send));
        Assert.Equal(body, Encoding.ASCII.GetString(parsed.Body.Span));
    }

    [Theory]
    [InlineData("------abcd1234$")]
    [InlineData("-------abcd123")]
    [InlineData("-------ABCD1234")]
    [InlineData("-------other1234$\r\n")]
    public void A_body_holding_only_look_alikes_keeps_its_transaction_id(string body)
    {
        var send = new MsrpRequest("abcd1234", MsrpMethod.Send, [Sample.Bob], [Sample.Alice]) { Body = Encoding.ASCII.GetBytes(body) };

        var parsed = Parser.Parse(MsrpMessageWriter.ToBytes(send));

        Assert.Equal("abcd1234", send.TransactionId);
        Assert.True(parsed.ContentEquals(send));
    }

    [Fact]
    public void Writing_to_a_buffer_writer_gives_the_same_bytes()
    {
        var send = new MsrpRequest("abcd1234", MsrpMethod.Send, [Sample.Bob], [Sample.Alice]) { ContentType = "text/plain", Body = new byte[5000] };
        var output = new ArrayBufferWriter<byte>();

        MsrpMessageWriter.Write(send, output);

        Assert.Equal(MsrpMessageWriter.ToBytes(send), output.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_comment_and_a_header_value_in_utf8_are_written_as_utf8()
    {
        var response = new MsrpResponse("abcd1234", 200, "Très bien ✓", [Sample.Alice], [Sample.Bob]);
        response.Headers.Add("X-Note", "naïve");

        var bytes = MsrpMessageWriter.ToBytes(response);

        Assert.Equal(bytes.Length, MsrpMessageWriter.GetByteCount(response));
        var parsed = Assert.IsType<MsrpResponse>(Parser.Parse(bytes));
        Assert.Equal("Très bien ✓", parsed.Comment);
        Assert.Equal("naïve", parsed.Headers.Get("X-Note"));
    }

    [Fact]
    public void A_message_that_the_grammar_forbids_cannot_be_built()
    {
        Assert.Throws<ArgumentException>(() => new MsrpRequest("abc", MsrpMethod.Send, [Sample.Bob], [Sample.Alice]));
        Assert.Throws<ArgumentException>(() => new MsrpRequest(new string('a', 33), MsrpMethod.Send, [Sample.Bob], [Sample.Alice]));
        Assert.Throws<ArgumentException>(() => new MsrpRequest(".abcd", MsrpMethod.Send, [Sample.Bob], [Sample.Alice]));
        Assert.Throws<ArgumentException>(() => new MsrpRequest("abcd", "send", [Sample.Bob], [Sample.Alice]));
        Assert.Throws<ArgumentException>(() => new MsrpRequest("abcd", MsrpMethod.Send, [], [Sample.Alice]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MsrpResponse("abcd", 1000, null, [Sample.Bob], [Sample.Alice]));
        Assert.Throws<ArgumentException>(() => new MsrpResponse("abcd", 200, "a\r\nb", [Sample.Bob], [Sample.Alice]));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new MsrpRequest("abcd", MsrpMethod.Send, [Sample.Bob], [Sample.Alice]) { Continuation = (MsrpContinuation)'x' });
    }
}
