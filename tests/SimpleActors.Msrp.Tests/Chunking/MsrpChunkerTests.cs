using System.Text;
using SimpleActors.Msrp.Chunking;
using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Parsing;
using SimpleActors.Msrp.Reassembly;

namespace SimpleActors.Msrp.Tests.Chunking;

public class MsrpChunkerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static MsrpOutgoingMessage Message(byte[] body, string? contentType = "text/plain")
        => new("m1", [Sample.Bob], [Sample.Alice], body.Length == 0 ? null : contentType, body);

    private static byte[] Bytes(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();

    /// <summary>Transaction ids from a list, in order.</summary>
    internal static Func<string> Ids(params string[] ids)
    {
        var queue = new Queue<string>(ids);
        return queue.Dequeue;
    }

    [Fact]
    public void A_message_is_cut_into_chunks_of_at_most_the_size_with_ranges_plus_on_all_but_the_last_and_dollar_on_it()
    {
        var body = Bytes(5000);

        var chunks = MsrpChunker.Chunks(Message(body), 2048);

        Assert.Equal([new MsrpByteRange(1, 2048, 5000), new MsrpByteRange(2049, 4096, 5000), new MsrpByteRange(4097, 5000, 5000)], chunks.Select(c => c.ByteRange!.Value));
        Assert.Equal([MsrpContinuation.More, MsrpContinuation.More, MsrpContinuation.Complete], chunks.Select(c => c.Continuation));
        Assert.All(chunks, c => Assert.Equal(MsrpMethod.Send, c.Method));
        Assert.All(chunks, c => Assert.Equal("m1", c.MessageId));
        Assert.All(chunks, c => Assert.Equal("text/plain", c.ContentType));
        Assert.All(chunks, c => Assert.Equal([Sample.Bob], c.ToPath));
        Assert.All(chunks, c => Assert.Equal([Sample.Alice], c.FromPath));
        Assert.Equal(body, chunks.SelectMany(c => c.Body.ToArray()));
        Assert.Equal(3, chunks.Select(c => c.TransactionId).Distinct().Count());
    }

    [Fact]
    public void A_chunk_over_2048_bytes_leaves_its_end_open_so_that_it_can_be_interrupted()
    {
        var chunks = MsrpChunker.Chunks(Message(Bytes(5000)), 2049);

        Assert.Equal([new MsrpByteRange(1, null, 5000), new MsrpByteRange(2050, null, 5000), new MsrpByteRange(4099, 5000, 5000)], chunks.Select(c => c.ByteRange!.Value));
        Assert.Equal("1-*/5000", chunks[0].Headers.Get(MsrpHeaderNames.ByteRange));
    }

    [Fact]
    public void A_bodiless_message_is_one_send_without_content_type_and_with_an_empty_range()
    {
        var chunks = MsrpChunker.Chunks(Message([]), 2048);

        var send = Assert.Single(chunks);
        Assert.True(send.Body.IsEmpty);
        Assert.Null(send.ContentType);
        Assert.Equal("1-0/0", send.Headers.Get(MsrpHeaderNames.ByteRange));
        Assert.Equal(MsrpContinuation.Complete, send.Continuation);
        Assert.Equal("m1", send.MessageId);

        var written = Encoding.ASCII.GetString(MsrpMessageWriter.ToBytes(send));
        Assert.DoesNotContain("\r\n\r\n", written, StringComparison.Ordinal);
        var parsed = Assert.IsType<MsrpRequest>(new MsrpParser().Parse(Encoding.ASCII.GetBytes(written)));
        var complete = Assert.IsType<MsrpReassemblyOutcome.Complete>(new MsrpReassembly().Receive(parsed, Now));
        Assert.True(complete.Body.IsEmpty);
        Assert.Null(complete.ContentType);
    }

    [Fact]
    public void The_report_choices_are_on_every_chunk_in_the_order_of_the_rfc_examples()
    {
        var message = new MsrpOutgoingMessage("m1", [Sample.Bob], [Sample.Alice], "text/html", Bytes(30))
        {
            SuccessReport = true,
            FailureReport = MsrpFailureReport.Partial,
        };

        var chunks = MsrpChunker.Chunks(message, 20);

        Assert.All(chunks, c => Assert.Equal(
            [MsrpHeaderNames.MessageId, MsrpHeaderNames.ByteRange, MsrpHeaderNames.SuccessReport, MsrpHeaderNames.FailureReport, MsrpHeaderNames.ContentType],
            c.Headers.Select(h => h.Name)));
        Assert.All(chunks, c => Assert.True(c.SuccessReport));
        Assert.All(chunks, c => Assert.Equal(MsrpFailureReport.Partial, c.FailureReport));
        Assert.DoesNotContain(MsrpChunker.Chunks(Message(Bytes(30)), 20)[0].Headers, h => h.Name is MsrpHeaderNames.SuccessReport or MsrpHeaderNames.FailureReport);
    }

    [Fact]
    public void A_transaction_id_whose_end_line_the_chunk_holds_is_passed_over()
    {
        var body = Encoding.ASCII.GetBytes("before\r\n-------tid00001$\r\nafter");

        var chunks = MsrpChunker.Chunks(Message(body), 1000, Ids("tid00001", "tid00002"));

        Assert.Equal("tid00002", Assert.Single(chunks).TransactionId);
        Assert.Equal(body, ((MsrpRequest)new MsrpParser().Parse(MsrpMessageWriter.ToBytes(chunks[0]))).Body.ToArray());
    }

    [Fact]
    public void The_end_line_is_checked_against_each_chunk_s_own_body()
    {
        // The id's end-line is in the second chunk only, so the first chunk may use it.
        var body = Encoding.ASCII.GetBytes(new string('a', 20) + "-------tid00001bbbbb");

        var chunks = MsrpChunker.Chunks(Message(body), 20, Ids("tid00001", "tid00001", "tid00002"));

        Assert.Equal(["tid00001", "tid00002"], chunks.Select(c => c.TransactionId));
    }

    [Fact]
    public void An_open_ended_chunk_cut_short_ends_with_plus_and_the_next_chunk_starts_at_the_first_byte_not_sent()
    {
        var body = Bytes(10_000);
        var message = Message(body);
        var chunk = MsrpChunker.Chunk(message, 1, 4096);
        Assert.Equal(new MsrpByteRange(1, null, 10_000), chunk.ByteRange);

        var end = MsrpChunker.End(chunk, 1500);

        Assert.Equal(new MsrpChunkEnd(MsrpContinuation.More, 1500, 1501), end);
        var written = MsrpChunker.AsWritten(chunk, end);
        Assert.Equal(body[..1500], written.Body.ToArray());
        Assert.Equal(MsrpContinuation.More, written.Continuation);
        Assert.Equal(chunk.TransactionId, written.TransactionId);
        Assert.True(chunk.Headers.SequenceEqual(written.Headers));

        var next = MsrpChunker.Chunk(message, end.NextStart!.Value, 4096);
        Assert.Equal(new MsrpByteRange(1501, null, 10_000), next.ByteRange);
        Assert.Equal(body[1500..5596], next.Body.ToArray());
    }

    [Fact]
    public void A_chunk_sent_whole_ends_with_its_own_flag()
    {
        var message = Message(Bytes(3000));
        var first = MsrpChunker.Chunk(message, 1, 2500);
        var last = MsrpChunker.Chunk(message, 2501, 2500);

        Assert.Equal(new MsrpChunkEnd(MsrpContinuation.More, 2500, 2501), MsrpChunker.End(first, 2500));
        Assert.Equal(new MsrpChunkEnd(MsrpContinuation.Complete, 500, null), MsrpChunker.End(last, 500));
    }

    [Fact]
    public void A_chunk_that_promised_its_end_cannot_be_cut_short_but_can_be_aborted()
    {
        var chunk = MsrpChunker.Chunk(Message(Bytes(3000)), 1, 2048);
        Assert.Equal(2048, chunk.ByteRange!.Value.End);

        Assert.Throws<InvalidOperationException>(() => MsrpChunker.End(chunk, 1000));
        Assert.Equal(new MsrpChunkEnd(MsrpContinuation.Abort, 1000, null), MsrpChunker.End(chunk, 1000, abort: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => MsrpChunker.End(chunk, 2049));
    }

    [Fact]
    public void A_message_given_up_between_chunks_is_aborted_with_a_bodiless_send_ending_in_hash()
    {
        var abort = MsrpChunker.Abort(Message(Bytes(10_000)), 4097);

        Assert.Equal(MsrpContinuation.Abort, abort.Continuation);
        Assert.True(abort.Body.IsEmpty);
        Assert.Null(abort.ContentType);
        Assert.Equal("m1", abort.MessageId);
        Assert.Equal("4097-4096/10000", abort.Headers.Get(MsrpHeaderNames.ByteRange));
        Assert.EndsWith("#\r\n", Encoding.ASCII.GetString(MsrpMessageWriter.ToBytes(abort)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_must_have_a_content_type_exactly_when_it_has_a_body()
    {
        Assert.Throws<ArgumentException>(() => new MsrpOutgoingMessage("m1", [Sample.Bob], [Sample.Alice], null, Bytes(3)));
        Assert.Throws<ArgumentException>(() => new MsrpOutgoingMessage("m1", [Sample.Bob], [Sample.Alice], "text/plain", Array.Empty<byte>()));
        Assert.Throws<ArgumentException>(() => new MsrpOutgoingMessage("m1", [Sample.Bob], [Sample.Alice], "no type", Bytes(3)));
        Assert.Throws<ArgumentException>(() => new MsrpOutgoingMessage("bad id", [Sample.Bob], [Sample.Alice], "text/plain", Bytes(3)));
        Assert.Throws<ArgumentException>(() => new MsrpOutgoingMessage("m1", [], [Sample.Alice], "text/plain", Bytes(3)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void A_chunk_starts_within_the_body(long start)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MsrpChunker.Chunk(Message(Bytes(10)), start, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => MsrpChunker.Chunk(Message(Bytes(10)), 1, 0));
    }
}
