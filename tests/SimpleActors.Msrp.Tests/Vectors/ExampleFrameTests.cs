using System.Text;
using SimpleActors.Msrp.Addressing;
using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Parsing;
using SimpleActors.Msrp.Tests.Parsing;

namespace SimpleActors.Msrp.Tests.Vectors;

/// <summary>The RFC 4975 and RFC 4976 example frames (reconstructed; Vectors/SOURCES.md).</summary>
public class ExampleFrameTests
{
    private static readonly MsrpParser Parser = new();

    public static TheoryData<string> Names => MsrpVector.All();

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_example_parses_the_same_whole_and_byte_by_byte_and_is_written_back_byte_for_byte(string name)
    {
        var bytes = MsrpVector.Load(name);
        var whole = Parser.Parse(bytes);

        var byteByByte = FrameOutcome.Read(Parser, Segments.OfSize(bytes, 1));
        Assert.NotNull(byteByByte.Message);
        Assert.True(whole.ContentEquals(byteByByte.Message));
        Assert.Equal(bytes.Length, byteByByte.Consumed);

        var arriving = FrameOutcome.Arriving(Parser, bytes, step: 1, segmentSize: 3);
        Assert.True(arriving.SameAs(byteByByte), arriving.ToString());

        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(MsrpMessageWriter.ToBytes(whole)));
    }

    [Fact]
    public void The_section_4_send_reads_as_the_rfc_describes_it()
    {
        var send = Assert.IsType<MsrpRequest>(Parser.Parse(MsrpVector.Load("rfc4975/4-send.msrp")));

        Assert.Equal("a786hjs2", send.TransactionId);
        Assert.Equal(MsrpMethod.Send, send.Method);
        Assert.Equal([MsrpUri.Parse("msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp")], send.ToPath);
        Assert.Equal("kjhd37s2s20w2a", send.ToPath[0].SessionId);
        Assert.Equal(12763, send.ToPath[0].Port);
        Assert.Equal("jshA7weztas", send.FromPath[0].SessionId);
        Assert.Equal("87652491", send.MessageId);
        Assert.Equal(new MsrpByteRange(1, 25, 25), send.ByteRange);
        Assert.Equal("text/plain", send.ContentType);
        Assert.Equal("Hey Bob, are you there?", Encoding.UTF8.GetString(send.Body.Span));
        Assert.Equal(MsrpContinuation.Complete, send.Continuation);
        Assert.Null(send.SuccessReport);
        Assert.Null(send.FailureReport);
    }

    [Fact]
    public void The_section_4_response_is_what_the_responder_builds_for_the_send()
    {
        var send = Assert.IsType<MsrpRequest>(Parser.Parse(MsrpVector.Load("rfc4975/4-send.msrp")));
        var ok = Assert.IsType<MsrpResponse>(Parser.Parse(MsrpVector.Load("rfc4975/4-200.msrp")));

        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("OK", ok.Comment);
        Assert.True(MsrpResponse.ForRequest(send, 200).ContentEquals(ok));
    }

    [Fact]
    public void A_message_in_two_chunks_keeps_its_message_id_and_continues_its_byte_range()
    {
        var first = Assert.IsType<MsrpRequest>(Parser.Parse(MsrpVector.Load("rfc4975/11.3-send-chunk1.msrp")));
        var second = Assert.IsType<MsrpRequest>(Parser.Parse(MsrpVector.Load("rfc4975/11.3-send-chunk2.msrp")));

        Assert.Equal(MsrpContinuation.More, first.Continuation);
        Assert.Equal(MsrpContinuation.Complete, second.Continuation);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(first.ByteRange!.Value.End + 1, second.ByteRange!.Value.Start);
        Assert.Equal(first.Body.Length, first.ByteRange.Value.End - first.ByteRange.Value.Start + 1);
    }

    [Fact]
    public void The_positive_report_carries_its_status_and_the_send_asked_for_it()
    {
        var send = Assert.IsType<MsrpRequest>(Parser.Parse(MsrpVector.Load("rfc4975/11.6-send-success-report.msrp")));
        var report = Assert.IsType<MsrpRequest>(Parser.Parse(MsrpVector.Load("rfc4975/11.6-report.msrp")));

        Assert.True(send.SuccessReport);
        Assert.Equal(MsrpFailureReport.No, send.FailureReport);
        Assert.Equal(MsrpMethod.Report, report.Method);
        Assert.Equal(new MsrpStatus(200, "OK"), report.Status);
        Assert.Equal(send.MessageId, report.MessageId);
        Assert.True(report.Body.IsEmpty);
        Assert.Throws<InvalidOperationException>(() => MsrpResponse.ForRequest(report, 200));
    }

    [Fact]
    public void The_system_message_wants_no_reports_of_either_kind()
    {
        var send = Assert.IsType<MsrpRequest>(Parser.Parse(MsrpVector.Load("rfc4975/11.5-send-system.msrp")));

        Assert.False(send.SuccessReport);
        Assert.Equal(MsrpFailureReport.No, send.FailureReport);
    }

    [Fact]
    public void The_relay_exchange_reads_its_challenge_credentials_use_path_and_expiry()
    {
        var auth = Assert.IsType<MsrpRequest>(Parser.Parse(MsrpVector.Load("rfc4976/auth.msrp")));
        var challenge = Assert.IsType<MsrpResponse>(Parser.Parse(MsrpVector.Load("rfc4976/401.msrp")));
        var retry = Assert.IsType<MsrpRequest>(Parser.Parse(MsrpVector.Load("rfc4976/auth-authorization.msrp")));
        var ok = Assert.IsType<MsrpResponse>(Parser.Parse(MsrpVector.Load("rfc4976/200-use-path.msrp")));

        Assert.Equal(MsrpMethod.Auth, auth.Method);
        Assert.Null(auth.ToPath[0].SessionId);
        Assert.True(auth.ToPath[0].IsSecure);
        Assert.Equal("alice", auth.ToPath[0].UserInfo);
        Assert.StartsWith("Digest realm=\"intra.example.com\"", challenge.WwwAuthenticate, StringComparison.Ordinal);
        Assert.Contains("response=\"6629fae49393a05397450978507c4ef1\"", retry.Authorization, StringComparison.Ordinal);
        Assert.Equal([MsrpUri.Parse("msrps://relay.example.com:9000/hjdhfha;tcp")], ok.UsePath);
        Assert.Equal(900, ok.Expires);
        Assert.True(MsrpResponse.ForRequest(retry, 200).ToPath.SequenceEqual(ok.ToPath));
    }

    [Fact]
    public void All_examples_sent_back_to_back_on_one_connection_are_framed_one_by_one()
    {
        var frames = MsrpVector.Names().Select(MsrpVector.Load).ToArray();
        var stream = frames.SelectMany(f => f).ToArray();
        foreach (var size in new[] { 1, 2, 7, 64, stream.Length })
        {
            var sequence = Segments.OfSize(stream, size);
            var reader = new System.Buffers.SequenceReader<byte>(sequence);
            foreach (var frame in frames)
            {
                var before = reader.Consumed;
                Assert.True(Parser.TryReadFrame(ref reader, out var message));
                Assert.Equal(frame.Length, reader.Consumed - before);
                Assert.True(message.ContentEquals(Parser.Parse(frame)));
            }

            Assert.True(reader.End);
        }
    }
}
