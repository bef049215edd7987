using System.Text;
using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Parsing;
using SimpleActors.Msrp.Reassembly;
using SimpleActors.Msrp.Tests.Vectors;
using static SimpleActors.Msrp.Tests.Reassembly.SendChunk;

namespace SimpleActors.Msrp.Tests.Reassembly;

public class MsrpReassemblyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly MsrpReassemblyLimits Small = new() { MaxMessageSize = 100, MaxSessionBytes = 60, MaxPartialMessages = 2, RangeCost = 0 };

    // A 5000-byte message sent as one chunk of 1-*/5000, cut short after 1500 bytes, then continued at 1501.
    private static readonly string Interrupted = new('i', 1500);

    private static readonly string Continued = new('c', 3500);

    /// <summary>Each case: the limits, then the chunks in the order they arrive and what each must give.</summary>
    private static readonly Dictionary<string, (MsrpReassemblyLimits Limits, (MsrpRequest Chunk, string Expected)[] Steps)> Cases = new()
    {
        ["in order"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 1, "This message is spli", 40), "accepted 20"),
            (Of("m1", 21, "t in two chunks here", 40, '$'), "complete text/plain This message is split in two chunks here"),
        ]),
        ["out of order, the last chunk first"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 11, "KLMNOPQRST", 20, '$'), "accepted 10"),
            (Of("m1", 1, "ABCDEFGHIJ", 20), "complete text/plain ABCDEFGHIJKLMNOPQRST"),
        ]),
        ["out of order, three chunks"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 5, "EFGH", 12), "accepted 4"),
            (Of("m1", 9, "IJKL", 12, '$'), "accepted 8"),
            (Of("m1", 1, "ABCD", 12), "complete text/plain ABCDEFGHIJKL"),
        ]),
        ["a duplicate chunk counts once"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 1, "ABCDE", 10), "accepted 5"),
            (Of("m1", 1, "ABCDE", 10), "accepted 5"),
            (Of("m1", 6, "FGHIJ", 10, '$'), "complete text/plain ABCDEFGHIJ"),
        ]),
        ["an overlapping re-send replaces the earlier bytes"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 1, "aaaaaaaaaa", 20), "accepted 10"),
            (Of("m1", 6, "bbbbbbbbbb", 20), "accepted 15"),
            (Of("m1", 3, "cc", 20), "accepted 15"),
            (Of("m1", 16, "dddde", 20, '$'), "complete text/plain aaccabbbbbbbbbbdddde"),
        ]),
        ["a missing middle keeps the message open until it comes"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 1, "0123456789", 30), "accepted 10"),
            (Of("m1", 21, "klmnopqrst", 30, '$'), "accepted 20"),
            (Of("m1", 11, "abcdefghij", 30), "complete text/plain 0123456789abcdefghijklmnopqrst"),
        ]),
        ["the total may be unknown until the last chunk"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 1, "Hello, ", null), "accepted 7"),
            (Of("m1", 8, "world", null, '$'), "complete text/plain Hello, world"),
        ]),
        ["an unknown total is taken from a chunk that declares it"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 1, "Hello, ", null), "accepted 7"),
            (Of("m1", 8, "world", 12, '$', openEnd: true), "complete text/plain Hello, world"),
        ]),
        ["a chunk over 2048 bytes interrupted, then continued"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 1, Interrupted, 5000, '+', openEnd: true), "accepted 1500"),
            (Of("m1", 1501, Continued, 5000, '$', openEnd: true), $"complete text/plain {Interrupted}{Continued}"),
        ]),
        ["a chunk interrupted with hash drops the message"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 1, "ABCDE", 20), "accepted 5"),
            (Of("m1", 6, "FGH", 20, '#', openEnd: true), "aborted"),
            (Of("m1", 6, "FGHIJKLMNOPQRST", 20, '$'), "accepted 15"),
        ]),
        ["chunks of different messages interleave"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 1, "one-", 7), "accepted 4"),
            (Of("m2", 1, "two-", 7, contentType: "text/html"), "accepted 4"),
            (Of("m2", 5, "TWO", 7, '$', contentType: "text/html"), "complete text/html two-TWO"),
            (Of("m1", 5, "ONE", 7, '$'), "complete text/plain one-ONE"),
        ]),
        ["a send without byte-range is the whole message"] = (MsrpReassemblyLimits.Default, [
            (Bare("m1", Encoding.UTF8.GetBytes("Hi, I'm Alice!")), "complete text/plain Hi, I'm Alice!"),
        ]),
        ["a send without byte-range but with plus is the start of the message"] = (MsrpReassemblyLimits.Default, [
            (Bare("m1", Encoding.UTF8.GetBytes("Hi, "), '+'), "accepted 4"),
            (Of("m1", 5, "Bob", null, '$'), "complete text/plain Hi, Bob"),
        ]),
        ["the bodiless send after connecting completes an empty message"] = (MsrpReassemblyLimits.Default, [
            (Of("m0", 1, "", 0, '$'), "complete  "),
            (Bare("m00", [], contentType: null), "complete  "),
        ]),
        ["a send without message-id is refused"] = (MsrpReassemblyLimits.Default, [
            (Bare(null, Encoding.UTF8.GetBytes("x")), "refused 400"),
        ]),
        ["a body without content-type is refused"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 1, "x", 1, '$', contentType: null), "refused 400"),
        ]),
        ["a content-type that changes is refused"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 1, "ABCDE", 10), "accepted 5"),
            (Of("m1", 6, "FGHIJ", 10, '$', contentType: "text/html"), "refused 400"),
        ]),
        ["a total that changes is refused"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 1, "ABCDE", 10), "accepted 5"),
            (Of("m1", 6, "FGHIJ", 11), "refused 400"),
        ]),
        ["a start beyond the total is refused"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 1, "ABCDE", 10), "accepted 5"),
            (Of("m1", 12, "X", 10, '+', openEnd: true), "refused 400"),
        ]),
        ["an open-ended chunk running past the total is refused"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 8, "ABCDE", 10, '+', openEnd: true), "refused 400"),
        ]),
        ["an earlier chunk beyond a total learnt later is refused"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 11, "KLMNO", null), "accepted 5"),
            (Of("m1", 1, "ABCDE", 5, '$'), "refused 400"),
        ]),
        ["a last chunk that does not end at the total is refused"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 1, "ABCDE", 10, '$', openEnd: true), "refused 400"),
        ]),
        ["two last chunks with different ends are refused"] = (MsrpReassemblyLimits.Default, [
            (Of("m1", 6, "FGHIJ", null, '$'), "accepted 5"),
            (Of("m1", 8, "HIJKL", null, '$'), "refused 400"),
        ]),
        ["a declared end that does not match the body is refused"] = (MsrpReassemblyLimits.Default, [
            (WithRange(Of("m1", 1, "ABCDE", 10), "1-6/10"), "refused 400"),
        ]),
        ["over max-size: 413 on the first chunk, and on the next, until the sender aborts"] = (Small, [
            (Of("m1", 1, "ABCDE", 101), "refused 413"),
            (Of("m1", 6, "FGHIJ", 101), "refused 413"),
            (Of("m1", 11, "", 101, '#'), "aborted"),
            (Of("m2", 1, "ABCDE", 100), "accepted 5"),
        ]),
        ["over max-size with an unknown total: 413 when a chunk passes it"] = (Small, [
            (Of("m1", 1, new string('x', 50), null), "accepted 50"),
            (Of("m1", 91, new string('y', 11), null), "refused 413"),
        ]),
        ["too many unfinished messages: 413 to the first chunk of one more"] = (Small, [
            (Of("m1", 1, "A", 2), "accepted 1"),
            (Of("m2", 1, "B", 2), "accepted 1"),
            (Of("m3", 1, "C", 2), "refused 413"),
            (Of("m1", 2, "a", 2, '$'), "complete text/plain Aa"),
            (Of("m4", 1, "D", 2), "accepted 1"),
            (Of("m3", 2, "c", 2, '$'), "refused 413"),
        ]),
        ["a message that completes in one chunk needs no room among the unfinished"] = (Small, [
            (Of("m1", 1, "A", 2), "accepted 1"),
            (Of("m2", 1, "B", 2), "accepted 1"),
            (Of("m3", 1, "Cc", 2, '$'), "complete text/plain Cc"),
        ]),
        ["more bytes of unfinished messages than the session holds: 413"] = (Small, [
            (Of("m1", 1, new string('a', 40), 80), "accepted 40"),
            (Of("m2", 1, new string('b', 30), 80), "refused 413"),
            (Of("m1", 41, new string('a', 40), 80, '$'), $"complete text/plain {new string('a', 80)}"),
            (Of("m2", 1, new string('b', 30), 80), "refused 413"),
            (Of("m2", 31, "", 80, '#'), "aborted"),
            (Of("m2", 1, new string('b', 30), 80), "accepted 30"),
        ]),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    private static MsrpRequest WithRange(MsrpRequest send, string range)
    {
        send.Headers.Set(MsrpHeaderNames.ByteRange, range);
        return send;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Chunks_give_the_outcomes_of_the_table(string name)
    {
        var (limits, steps) = Cases[name];
        var reassembly = new MsrpReassembly(limits);
        var actual = steps.Select(s => Describe(reassembly.Receive(s.Chunk, Now))).ToArray();

        Assert.Equal(steps.Select(s => s.Expected), actual);
        Assert.InRange(reassembly.HeldBytes, 0, limits.MaxSessionBytes);
        Assert.InRange(reassembly.PartialCount, 0, limits.MaxPartialMessages);
    }

    [Fact]
    public void A_refused_or_aborted_message_holds_nothing()
    {
        var reassembly = new MsrpReassembly(Small);
        reassembly.Receive(Of("m1", 1, "ABCDE", 10), Now);
        Assert.Equal(5, reassembly.HeldBytes);

        Assert.IsType<MsrpReassemblyOutcome.Refused>(reassembly.Receive(Of("m1", 6, "FGHIJ", 10, contentType: "text/html"), Now));
        Assert.Equal(0, reassembly.HeldBytes);
        Assert.Equal(0, reassembly.PartialCount);

        reassembly.Receive(Of("m2", 1, "ABCDE", 10), Now);
        Assert.IsType<MsrpReassemblyOutcome.Aborted>(reassembly.Receive(Of("m2", 6, "", 10, '#'), Now));
        Assert.Equal(0, reassembly.HeldBytes);
        Assert.Equal(0, reassembly.PartialCount);
    }

    [Fact]
    public void A_refusal_says_why()
    {
        var refused = Assert.IsType<MsrpReassemblyOutcome.Refused>(new MsrpReassembly(Small).Receive(Of("m1", 1, "ABCDE", 101), Now));

        Assert.Equal("m1", refused.MessageId);
        Assert.Equal(413, refused.StatusCode);
        Assert.Equal("Message exceeds the maximum size", refused.Reason);
    }

    [Fact]
    public void Ranges_stored_apart_cost_bookkeeping_so_one_byte_chunks_with_gaps_cannot_hold_more_than_the_budget()
    {
        var reassembly = new MsrpReassembly(new MsrpReassemblyLimits { MaxSessionBytes = 1000, RangeCost = 64 });
        var outcomes = new List<MsrpReassemblyOutcome>();
        for (var start = 1; start < 2000; start += 2)
        {
            outcomes.Add(reassembly.Receive(Of("m1", start, "x", 2000), Now));
        }

        // Each one-byte range costs 65: the fifteenth would pass 1000.
        Assert.All(outcomes.Take(15), o => Assert.IsType<MsrpReassemblyOutcome.Accepted>(o));
        Assert.IsType<MsrpReassemblyOutcome.Refused>(outcomes[15]);
        Assert.Equal(0, reassembly.HeldBytes);
    }

    [Fact]
    public void Messages_quiet_for_too_long_are_discarded()
    {
        var reassembly = new MsrpReassembly();
        reassembly.Receive(Of("m1", 1, "ABCDE", 10), Now);
        reassembly.Receive(Of("m2", 1, "ABCDE", 10), Now.AddSeconds(50));

        Assert.Empty(reassembly.DiscardIdle(Now.AddSeconds(59), TimeSpan.FromSeconds(60)));
        Assert.Equal(["m1"], reassembly.DiscardIdle(Now.AddSeconds(60), TimeSpan.FromSeconds(60)));
        Assert.Equal(1, reassembly.PartialCount);
        Assert.Equal(5 + MsrpReassemblyLimits.Default.RangeCost, reassembly.HeldBytes);

        reassembly.Clear();
        Assert.Equal(0, reassembly.PartialCount);
        Assert.Equal(0, reassembly.HeldBytes);
    }

    [Fact]
    public void Only_a_send_carries_a_message()
    {
        var report = new MsrpRequest("abcd1234", MsrpMethod.Report, [Sample.Alice], [Sample.Bob]) { MessageId = "m1" };

        Assert.Throws<ArgumentException>(() => new MsrpReassembly().Receive(report, Now));
    }

    [Fact]
    public void The_section_4_example_whose_range_promises_two_bytes_more_than_its_body_is_refused()
    {
        // Vectors/SOURCES.md: the RFC's own example says 1-25/25 for a 23-byte body.
        var send = Assert.IsType<MsrpRequest>(new MsrpParser().Parse(MsrpVector.Load("rfc4975/4-send.msrp")));

        var refused = Assert.IsType<MsrpReassemblyOutcome.Refused>(new MsrpReassembly().Receive(send, Now));

        Assert.Equal(400, refused.StatusCode);
    }
}
