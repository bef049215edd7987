using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Tests.Vectors;

namespace SimpleActors.Sip.Tests.Parsing;

/// <summary>
/// Properties over generated input: the whole receive path (parse, validate, every typed header) throws
/// nothing but <see cref="SipParseException"/>, and what the server writes it reads back unchanged.
/// </summary>
public class SipParserPropertyTests
{
    private static readonly SipParser Parser = new();

    private static readonly byte[][] Seeds = TortureVector.Rfc4475Names().Select(TortureVector.Rfc4475)
        .Concat(TortureVector.Rfc5118Names().Select(TortureVector.Rfc5118))
        .ToArray();

    /// <summary>Parses, validates and reads every typed view; only a SipParseException may come out.</summary>
    private static bool ReceiveFailsOnlyWithParseErrors(byte[] bytes)
    {
        try
        {
            var message = Parser.ParseDatagram(bytes);
            if (message is null)
            {
                return true;
            }

            SipMessageValidator.Validate(message);
            _ = message is SipRequest request ? request.RequestUri.ToString() : null;
            _ = SipMessageWriter.ToBytes(message);
            return true;
        }
        catch (SipParseException e)
        {
            return e.StatusCode is >= 400 and < 600 && !string.IsNullOrEmpty(e.Reason);
        }
    }

    private static bool FramingFailsOnlyWithParseErrors(byte[] bytes, int segmentSize)
    {
        try
        {
            var reader = new SequenceReader<byte>(SipParserTests.Segmented(bytes, Math.Max(1, segmentSize)));
            while (!reader.End && Parser.TryReadFrame(ref reader, out _) != SipFrame.Incomplete)
            {
            }

            return true;
        }
        catch (SipParseException)
        {
            return true;
        }
    }

    [Property(MaxTest = 2000)]
    public bool Arbitrary_bytes_never_throw_anything_but_a_parse_error(byte[] bytes)
        => ReceiveFailsOnlyWithParseErrors(bytes) && FramingFailsOnlyWithParseErrors(bytes, 7);

    /// <summary>Mutations of real messages reach far deeper into the grammar than random bytes.</summary>
    [Property(MaxTest = 3000)]
    public Property Mutated_torture_messages_never_throw_anything_but_a_parse_error()
    {
        var mutated =
            from seed in Gen.Elements(Seeds)
            from count in Gen.Choose(1, 6)
            from edits in Edit.ArrayOf(count)
            select Mutate(seed, edits);
        return Prop.ForAll(mutated.ToArbitrary(), bytes => ReceiveFailsOnlyWithParseErrors(bytes) && FramingFailsOnlyWithParseErrors(bytes, 13));
    }

    private static readonly Gen<(int Kind, int Position, byte Byte)> Edit =
        from kind in Gen.Choose(0, 4)
        from position in Gen.Choose(0, 1 << 20)
        from value in Gen.Elements(Interesting)
        select (kind, position, value);

    private static readonly byte[] Interesting = "\r\n \t:;,<>\"\\@[]%=?&0-9aZ\0\x7F\xFF"u8.ToArray();

    private static byte[] Mutate(byte[] seed, IEnumerable<(int Kind, int Position, byte Byte)> edits)
    {
        var bytes = seed.ToList();
        foreach (var (kind, position, value) in edits)
        {
            var at = bytes.Count == 0 ? 0 : position % bytes.Count;
            switch (kind)
            {
                case 0 when bytes.Count > 0: bytes[at] = value; break;
                case 1: bytes.Insert(at, value); break;
                case 2 when bytes.Count > 0: bytes.RemoveAt(at); break;
                case 3 when bytes.Count > 0: bytes.RemoveRange(at, Math.Min(8, bytes.Count - at)); break;
                case 4: bytes.InsertRange(at, bytes.Skip(at).Take(16).ToArray()); break;
            }
        }

        return bytes.ToArray();
    }

    [Fact]
    public void Every_valid_torture_message_round_trips_through_the_serializer()
    {
        foreach (var seed in Seeds)
        {
            var (message, _, _) = TortureVector.Receive(seed);
            if (message is null)
            {
                continue;
            }

            var written = SipMessageWriter.ToBytes(message);
            var reparsed = Parser.Parse(written);
            SipMessageValidator.Validate(reparsed);

            // A message without Content-Length gains one when written (RFC 3261 section 18.3); otherwise identical.
            var expected = message.Headers.Contains(KnownHeader.ContentLength) ? message : WithContentLength(message);
            Assert.True(reparsed.ContentEquals(expected), Encoding.UTF8.GetString(written));
            Assert.Equal(written, SipMessageWriter.ToBytes(reparsed));
        }
    }

    private static SipMessage WithContentLength(SipMessage message)
    {
        var copy = Parser.Parse(SipMessageWriter.ToBytes(message));
        Assert.Equal(message.Body.Length, copy.DeclaredContentLength);
        return copy;
    }

    private static readonly Gen<string> Token = Gen.Elements("alice", "bob", "x-1", "a.b", "Z9_~", "1", "ok!%");

    private static readonly Gen<string> Host = Gen.Elements("example.com", "EXAMPLE.org", "192.0.2.4", "[2001:db8::1]", "h-1.example.net");

    private static readonly Gen<string> Text = Gen.Elements("", "hello", "Watson, come here.", "ünïcode ✓", "a\r\nb", "<xml/>");

    private static readonly Gen<(string Name, string Value)> Extra =
        from name in Gen.Elements("X-Custom", "Subject", "Event", "Expires", "Supported")
        from value in Token
        select (name, value);

    /// <summary>Requests and responses as the server builds them, from valid parts.</summary>
    private static readonly Gen<SipMessage> Messages =
        from isRequest in Gen.Elements(true, false)
        from method in Gen.Elements(SipMethod.Publish, SipMethod.Subscribe, SipMethod.Notify, SipMethod.Message, SipMethod.Register, "FOO")
        from user in Token
        from host in Host
        from port in Gen.Elements<int?>(null, 5060, 65535)
        from status in Gen.Elements(100, 200, 202, 404, 412, 489, 699)
        from tag in Token
        from cseq in Gen.Choose(0, int.MaxValue)
        from body in Text
        from count in Gen.Choose(0, 4)
        from extra in Extra.ArrayOf(count)
        select Build(isRequest, method, user, host, port, status, tag, cseq, body, extra);

    private static SipMessage Build(
        bool isRequest, string method, string user, string host, int? port, int status, string tag, int cseq, string body,
        IEnumerable<(string Name, string Value)> extra)
    {
        var uri = SipUri.Create(host, user, port);
        var headers = new HeaderCollection();
        headers.Add(KnownHeader.Via, new ViaHeader("UDP", host, port).WithBranch("z9hG4bK" + tag).ToString());
        headers.Add(KnownHeader.From, new NameAddress(uri, "A " + user).WithTag(tag).ToString());
        headers.Add(KnownHeader.To, new NameAddress(uri).ToString());
        headers.Add(KnownHeader.CallId, tag + "@" + host.Trim('[', ']'));
        headers.Add(KnownHeader.CSeq, new CSeqHeader((uint)cseq, method).ToString());
        headers.Add(KnownHeader.MaxForwards, "70");
        foreach (var (name, value) in extra)
        {
            headers.Add(name, name == "Expires" ? "3600" : value);
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        headers.Add(KnownHeader.ContentLength, bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return isRequest
            ? new SipRequest(method, uri.ToString(), headers, bytes)
            : new SipResponse(status, (string?)null, headers, bytes);
    }

    [Property(MaxTest = 500)]
    public Property Messages_the_server_builds_round_trip_through_bytes()
        => Prop.ForAll(Messages.ToArbitrary(), message =>
        {
            var bytes = SipMessageWriter.ToBytes(message);
            var datagram = Parser.Parse(bytes);
            var reader = new SequenceReader<byte>(SipParserTests.Segmented(bytes, 5));
            var framed = Parser.TryReadFrame(ref reader, out var streamed);
            return datagram.ContentEquals(message)
                   && framed == SipFrame.Message && streamed!.ContentEquals(message)
                   && SipMessageWriter.GetByteCount(message) == bytes.Length;
        });
}
