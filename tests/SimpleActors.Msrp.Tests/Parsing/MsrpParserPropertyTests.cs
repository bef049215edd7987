using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SimpleActors.Msrp.Addressing;
using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Parsing;
using SimpleActors.Msrp.Tests.Vectors;

namespace SimpleActors.Msrp.Tests.Parsing;

/// <summary>
/// Properties over generated input: the parser only ever returns a frame, waits, or throws
/// <see cref="MsrpParseException"/>; its decision does not depend on how the bytes are cut or when they arrive; and
/// whatever the writer writes reads back equal.
/// </summary>
public class MsrpParserPropertyTests
{
    private static readonly MsrpParser Parser = new();

    // Small limits, so that generated frames cross them.
    private static readonly MsrpParser SmallParser = new(new MsrpParserLimits { MaxHeadSize = 160, MaxHeaderCount = 6, MaxBodySize = 40 });

    private static readonly byte[][] Seeds = MsrpVector.Names().Select(MsrpVector.Load).ToArray();

    private static readonly byte[] Interesting = "\r\n -$+#:;/@[]%=*0123456789MSRPaZ\0\x7F\xFF"u8.ToArray();

    private static readonly Gen<(int Kind, int Position, byte Byte)> Edit =
        from kind in Gen.Choose(0, 5)
        from position in Gen.Choose(0, 1 << 20)
        from value in Gen.Elements(Interesting)
        select (kind, position, value);

    private static readonly Gen<byte[]> Mutated =
        from seed in Gen.Elements(Seeds)
        from count in Gen.Choose(1, 6)
        from edits in Edit.ArrayOf(count)
        select Mutation.Apply(seed, edits);

    private static readonly Gen<int[]> Cuts = Gen.Choose(0, 400).ArrayOf();

    /// <summary>Parses frame after frame until it waits or refuses; a frame must write and read back equal.</summary>
    private static bool OnlyFramesWaitsOrParseErrors(MsrpParser parser, ReadOnlySequence<byte> sequence)
    {
        var reader = new SequenceReader<byte>(sequence);
        try
        {
            while (parser.TryReadFrame(ref reader, out var message))
            {
                var written = MsrpMessageWriter.ToBytes(message);
                if (!Parser.Parse(written).ContentEquals(message))
                {
                    return false;
                }
            }

            return true;
        }
        catch (MsrpParseException e)
        {
            return e.StatusCode is 400 or 413 && !string.IsNullOrEmpty(e.Reason)
                   && (e.FrameLength is null || e.FrameLength <= reader.Remaining);
        }
    }

    [Property(MaxTest = 1000)]
    public Property Arbitrary_bytes_give_a_frame_a_wait_or_a_parse_error_and_nothing_else()
        => Prop.ForAll(
            Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().ToArbitrary(),
            Cuts.ToArbitrary(),
            (bytes, cuts) => OnlyFramesWaitsOrParseErrors(Parser, Segments.CutAt(bytes, cuts))
                             && OnlyFramesWaitsOrParseErrors(SmallParser, Segments.OfSize(bytes, 1)));

    [Property(MaxTest = 1000)]
    public Property Bytes_after_a_start_line_give_a_frame_a_wait_or_a_parse_error_and_nothing_else()
        => Prop.ForAll(
            Gen.Elements(Interesting).ArrayOf().ToArbitrary(),
            Gen.Elements("MSRP abcd SEND\r\n", "MSRP abcd 200 OK\r\nTo-Path: msrp://a.b/c;tcp\r\n", "MSRP abcd ", "MSRP ").ToArbitrary(),
            (tail, start) =>
            {
                var bytes = Encoding.ASCII.GetBytes(start).Concat(tail).Concat("\r\n-------abcd$\r\n"u8.ToArray()).ToArray();
                return OnlyFramesWaitsOrParseErrors(Parser, Segments.OfSize(bytes, 3))
                       && OnlyFramesWaitsOrParseErrors(SmallParser, new ReadOnlySequence<byte>(bytes));
            });

    /// <summary>Mutations of the example frames reach far deeper into the grammar than random bytes.</summary>
    [Property(MaxTest = 2000)]
    public Property Mutated_examples_give_a_frame_a_wait_or_a_parse_error_and_nothing_else()
        => Prop.ForAll(
            Mutated.ToArbitrary(),
            Cuts.ToArbitrary(),
            (bytes, cuts) => OnlyFramesWaitsOrParseErrors(Parser, Segments.CutAt(bytes, cuts))
                             && OnlyFramesWaitsOrParseErrors(SmallParser, Segments.CutAt(bytes, cuts)));

    /// <summary>
    /// The parser decides the same whether the bytes are there at once or arrive a few at a time in any segments, with
    /// or without a scan kept between calls: the same frame, or the same refusal with the same transaction id, paths and
    /// frame length.
    /// </summary>
    [Property(MaxTest = 1500)]
    public Property The_decision_does_not_depend_on_how_the_bytes_arrive()
        => Prop.ForAll(
            Mutated.ToArbitrary(),
            Gen.Choose(1, 40).ToArbitrary(),
            Gen.Choose(1, 17).ToArbitrary(),
            (bytes, step, segment) =>
            {
                foreach (var parser in new[] { Parser, SmallParser })
                {
                    var whole = FrameOutcome.Read(parser, new ReadOnlySequence<byte>(bytes));
                    var arriving = FrameOutcome.Arriving(parser, bytes, step, segment);
                    var scanned = FrameOutcome.ArrivingWithScan(parser, bytes, step, segment, out _, out _);
                    if (!whole.SameAs(arriving) || !whole.SameAs(scanned))
                    {
                        return false.Label($"{Encoding.UTF8.GetString(bytes)}\nwhole: {whole}\narriving ({step}/{segment}): {arriving}\nwith a scan: {scanned}");
                    }
                }

                return true.ToProperty();
            });

    /// <summary>
    /// The same over written messages, lightly mutated, under random limits, so that frames land on every side of
    /// every threshold; with a scan, the end-line search looks at each byte about once.
    /// </summary>
    [Property(MaxTest = 1500)]
    public Property The_decision_does_not_depend_on_how_the_bytes_arrive_whatever_the_limits()
        => Prop.ForAll(
            (from message in Messages
             from count in Gen.Choose(0, 2)
             from edits in Edit.ArrayOf(count)
             select Mutation.Apply(MsrpMessageWriter.ToBytes(message), edits)).ToArbitrary(),
            (from head in Gen.Choose(64, 400)
             from headers in Gen.Choose(2, 8)
             from body in Gen.Choose(0, 300)
             select new MsrpParserLimits { MaxHeadSize = head, MaxHeaderCount = headers, MaxBodySize = body }).ToArbitrary(),
            Gen.Choose(1, 25).ToArbitrary(),
            (bytes, limits, step) =>
            {
                var parser = new MsrpParser(limits);
                var whole = FrameOutcome.Read(parser, new ReadOnlySequence<byte>(bytes));
                var arriving = FrameOutcome.Arriving(parser, bytes, step, 1 + (step % 7));
                var scanned = FrameOutcome.ArrivingWithScan(parser, bytes, step, 1 + (step % 5), out var searched, out var calls);
                return (whole.SameAs(arriving) && whole.SameAs(scanned) && searched <= bytes.Length + (calls * (2 + 7 + 32 + 3)))
                    .Label($"{limits}\n{Encoding.UTF8.GetString(bytes)}\nwhole: {whole}\narriving ({step}): {arriving}\nwith a scan: {scanned}, {searched} bytes searched in {calls} calls");
            });

    [Property(MaxTest = 1000)]
    public Property Any_message_the_writer_writes_reads_back_equal_however_the_bytes_are_cut()
        => Prop.ForAll(
            Messages.ToArbitrary(),
            Cuts.ToArbitrary(),
            (message, cuts) =>
            {
                var bytes = MsrpMessageWriter.ToBytes(message);
                var outcome = FrameOutcome.Read(Parser, Segments.CutAt(bytes, cuts));
                var byteByByte = FrameOutcome.Read(Parser, Segments.OfSize(bytes, 1));
                return (outcome.Message is not null && outcome.Message.ContentEquals(message) && outcome.Consumed == bytes.Length
                        && byteByByte.SameAs(outcome)
                        && MsrpMessageWriter.GetByteCount(message) == bytes.Length
                        && MsrpMessageWriter.ToBytes(outcome.Message).AsSpan().SequenceEqual(bytes))
                    .Label($"{Encoding.UTF8.GetString(bytes)}\n{outcome}");
            });

    private static readonly Gen<string> Ident =
        from first in Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".ToCharArray())
        from rest in Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-+%=".ToCharArray()).ArrayOf()
        from length in Gen.Choose(3, 31)
        select first + new string([.. rest.Concat(Enumerable.Repeat('x', 31)).Take(length)]);

    private static readonly Gen<MsrpUri> Uri =
        from secure in Gen.Elements(true, false)
        from user in Gen.Elements<string?>(null, "alice", "a;b:c%41")
        from host in Gen.Elements("example.com", "Relay.EXAMPLE.org", "192.0.2.4", "2001:db8::1", "h-1.example.net", "%68ost")
        from port in Gen.Elements<int?>(null, 0, 2855, 65535)
        from session in Gen.Elements<string?>(null, "kjhd37s2s20w2a", "a+b=c/d", "S-._~")
        from transport in Gen.Elements("tcp", "ws", "TCP", "sctp9")
        from parameters in Gen.Elements<MsrpUriParameter[]>([], [new("p", "1")], [new("flag", null), new("x", "y-z")])
        select new MsrpUri(host, port, session, transport, secure, user, parameters);

    private static readonly Gen<MsrpUri[]> Path = Gen.Choose(1, 3).SelectMany(n => Uri.ArrayOf(n));

    private static readonly Gen<(string Name, string Value)> Header = Gen.Elements(
        ("Message-ID", "87652491"), ("Message-ID", "a.b-c+d%e=f"), ("Byte-Range", "1-25/25"), ("Byte-Range", "1-*/*"),
        ("Byte-Range", "1-0/0"), ("Success-Report", "yes"), ("Success-Report", "No"), ("Failure-Report", "partial"),
        ("Status", "000 200 OK"), ("Status", "000 413"), ("Content-Type", "text/plain"), ("Content-Type", "message/cpim; charset=\"utf-8\""),
        ("Expires", "900"), ("Min-Expires", "0"), ("Max-Expires", "4294967296"), ("Use-Path", "msrps://relay.example.com:9000/hjdhfha;tcp msrp://b.example/c;ws"),
        ("WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\""), ("Authorization", "Digest username=\"u\""), ("Authentication-Info", "nextnonce=\"x\""),
        ("Content-Disposition", "inline"), ("X-Custom", ""), ("X-Custom", "ünïcode ✓ and\ttab"), ("NS", "imdn <urn:ietf:params:imdn>"));

    private static readonly Gen<byte[]> Body = Gen.OneOf(
        Gen.Constant(Array.Empty<byte>()),
        Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(),
        Gen.Elements("\r\n", "-------", "$", "+", "#", "x", "\r\n-------", "abcd", "MSRP ").ArrayOf().Select(parts => Encoding.ASCII.GetBytes(string.Concat(parts))));

    private static readonly Gen<MsrpMessage> Messages =
        from isRequest in Gen.Elements(true, false)
        from tid in Ident
        from method in Gen.Elements(MsrpMethod.Send, MsrpMethod.Report, MsrpMethod.Auth, MsrpMethod.Nickname, "FOOBAR", "X")
        from status in Gen.Choose(0, 999)
        from comment in Gen.Elements<string?>(null, "", "OK", " spaced  ", "Très bien ✓")
        from toPath in Path
        from fromPath in Path
        from count in Gen.Choose(0, 6)
        from headers in Header.ArrayOf(count)
        from body in Body
        from continuation in Gen.Elements(MsrpContinuation.Complete, MsrpContinuation.More, MsrpContinuation.Abort)
        from tidInBody in Gen.Elements(false, false, true)
        select Build(isRequest, tid, method, status, comment, toPath, fromPath, headers, body, continuation, tidInBody);

    private static MsrpMessage Build(
        bool isRequest, string tid, string method, int status, string? comment, MsrpUri[] to, MsrpUri[] from,
        (string Name, string Value)[] headers, byte[] body, MsrpContinuation continuation, bool tidInBody)
    {
        MsrpMessage message = isRequest
            ? new MsrpRequest(tid, method, to, from)
            {
                // Sometimes the body holds the end-line, so that the writer must pick another transaction id.
                Body = tidInBody ? [.. body, .. Encoding.ASCII.GetBytes("\r\n-------" + tid + "$\r\n"), .. body] : body,
                Continuation = continuation,
            }
            : new MsrpResponse(tid, status, comment, to, from);
        foreach (var (name, value) in headers)
        {
            if (MsrpHeaderNames.Canonical(name) is null || !message.Headers.Contains(name) || name == MsrpHeaderNames.WwwAuthenticate)
            {
                message.Headers.Add(name, value);
            }
        }

        return message;
    }
}
