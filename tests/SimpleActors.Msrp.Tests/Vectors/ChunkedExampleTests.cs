using System.Text;
using SimpleActors.Msrp.Chunking;
using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Parsing;
using SimpleActors.Msrp.Reassembly;
using SimpleActors.Msrp.Tests.Chunking;
using SimpleActors.Msrp.Transactions;

namespace SimpleActors.Msrp.Tests.Vectors;

/// <summary>
/// The chunked examples of RFC 4975 sections 11.3 and 11.4 and the positive report of section 11.6 (reconstructed;
/// Vectors/SOURCES.md), against what the chunker, reassembly and report builder make.
/// </summary>
public class ChunkedExampleTests
{
    private static readonly MsrpParser Parser = new();

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static MsrpRequest Load(string name) => Assert.IsType<MsrpRequest>(Parser.Parse(MsrpVector.Load(name)));

    /// <summary>The chunker, given the example's message, chunk size and transaction ids, writes the example's frames.</summary>
    [Theory]
    [InlineData("rfc4975/11.3-send-chunk1.msrp", "rfc4975/11.3-send-chunk2.msrp")]
    [InlineData("rfc4975/11.4-send-cpim-chunk1.msrp", "rfc4975/11.4-send-cpim-chunk2.msrp")]
    public void The_chunker_writes_the_chunked_examples_byte_for_byte(string first, string second)
    {
        var (one, two) = (Load(first), Load(second));
        var body = one.Body.ToArray().Concat(two.Body.ToArray()).ToArray();
        var message = new MsrpOutgoingMessage(one.MessageId!, one.ToPath, one.FromPath, one.ContentType, body);

        var chunks = MsrpChunker.Chunks(message, one.Body.Length, MsrpChunkerTests.Ids(one.TransactionId, two.TransactionId));

        Assert.Equal(2, chunks.Count);
        Assert.Equal(Encoding.UTF8.GetString(MsrpVector.Load(first)), Encoding.UTF8.GetString(MsrpMessageWriter.ToBytes(chunks[0])));
        Assert.Equal(Encoding.UTF8.GetString(MsrpVector.Load(second)), Encoding.UTF8.GetString(MsrpMessageWriter.ToBytes(chunks[1])));
    }

    [Theory]
    [InlineData("rfc4975/11.3-send-chunk1.msrp", "rfc4975/11.3-send-chunk2.msrp", "text/plain")]
    [InlineData("rfc4975/11.4-send-cpim-chunk1.msrp", "rfc4975/11.4-send-cpim-chunk2.msrp", "message/cpim")]
    public void The_chunked_examples_reassemble_in_either_order(string first, string second, string contentType)
    {
        var (one, two) = (Load(first), Load(second));
        var whole = one.Body.ToArray().Concat(two.Body.ToArray()).ToArray();

        foreach (var (a, b) in new[] { (one, two), (two, one) })
        {
            var reassembly = new MsrpReassembly();
            var accepted = Assert.IsType<MsrpReassemblyOutcome.Accepted>(reassembly.Receive(a, Now));
            Assert.Equal(whole.Length, accepted.Total);
            var complete = Assert.IsType<MsrpReassemblyOutcome.Complete>(reassembly.Receive(b, Now));
            Assert.Equal(whole, complete.Body.ToArray());
            Assert.Equal(contentType, complete.ContentType);
            Assert.Equal(one.MessageId, complete.MessageId);
            Assert.Equal(0, reassembly.PartialCount);
        }
    }

    [Fact]
    public void Each_chunk_of_the_examples_is_answered_with_200_since_failure_report_is_absent()
    {
        foreach (var name in new[] { "rfc4975/11.3-send-chunk1.msrp", "rfc4975/11.3-send-chunk2.msrp" })
        {
            var chunk = Load(name);
            var ok = MsrpResponsePolicy.Respond(chunk, 200);
            Assert.NotNull(ok);
            Assert.Equal(chunk.TransactionId, ok.TransactionId);
        }
    }

    /// <summary>
    /// The receiver of the section 11.6 SEND (Success-Report yes, Failure-Report no) sends no 200 but a REPORT; with the
    /// RFC's transaction id and range the report builder writes the RFC's REPORT byte for byte.
    /// </summary>
    [Fact]
    public void The_positive_report_of_section_11_6_is_what_the_report_builder_writes()
    {
        var send = Load("rfc4975/11.6-send-success-report.msrp");
        var expected = Encoding.UTF8.GetString(MsrpVector.Load("rfc4975/11.6-report.msrp"));

        var complete = Assert.IsType<MsrpReassemblyOutcome.Complete>(new MsrpReassembly().Receive(send, Now));
        Assert.Null(MsrpResponsePolicy.Respond(send, 200));
        var report = MsrpReport.ForCompleteMessage(send, complete.Body.Length, transactionId: "dkei38sd");
        Assert.NotNull(report);

        // The RFC's REPORT says 1-106/106 for a body the SEND says is 121 bytes (SOURCES.md): the builder reports what
        // arrived, and with the RFC's range it writes the RFC's frame exactly.
        Assert.Equal(new MsrpByteRange(1, 121, 121), report.ByteRange);
        Assert.Equal(expected.Replace("1-106/106", "1-121/121", StringComparison.Ordinal), Encoding.UTF8.GetString(MsrpMessageWriter.ToBytes(report)));
        var exact = MsrpReport.Create(send, new MsrpStatus(200, "OK"), new MsrpByteRange(1, 106, 106), transactionId: "dkei38sd");
        Assert.Equal(expected, Encoding.UTF8.GetString(MsrpMessageWriter.ToBytes(exact)));
    }
}
