using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SimpleActors.Sip.Sdp;

namespace SimpleActors.Sip.Tests.Sdp;

/// <summary>
/// Properties over generated input: text and bytes give a description or <see cref="SdpFormatException"/>, nothing
/// else; what is written reads back equal; the MSRP view and offer/answer never throw on what reads.
/// </summary>
public class SessionDescriptionPropertyTests
{
    private static readonly byte[][] Seeds = SdpVector.Names().Select(SdpVector.Bytes).ToArray();

    private static readonly MsrpEndpointParameters Local = new()
    {
        Path = ["msrp://server.example.com:2855/s3rv3r;tcp"],
        AcceptTypes = ["message/cpim", "text/plain"],
        AcceptWrappedTypes = ["*"],
        SupportsCema = true,
    };

    private static readonly SdpOrigin Origin = new("-", "1", "1", "IN", "IP4", "server.example.com");

    [Property(MaxTest = 500)]
    public Property Written_descriptions_read_back_equal() =>
        Prop.ForAll(SdpGenerators.Description.ToArbitrary(), description =>
        {
            var bytes = description.ToBytes();
            var read = SessionDescription.Parse(bytes, new SdpLimits { MaxBytes = int.MaxValue, MaxLines = int.MaxValue, MaxMediaDescriptions = int.MaxValue });
            return read.Equals(description)
                && read.ToBytes().AsSpan().SequenceEqual(bytes)
                && SessionDescription.Parse(description.ToString(), new SdpLimits { MaxBytes = int.MaxValue, MaxLines = int.MaxValue, MaxMediaDescriptions = int.MaxValue }).Equals(description)
                && Exercise(read);
        });

    [Property(MaxTest = 1000)]
    public bool Arbitrary_text_reads_or_throws_SdpFormatException(string? text) => ReadsOrRefuses(text ?? string.Empty);

    [Property(MaxTest = 1000)]
    public bool Arbitrary_bytes_read_or_throw_SdpFormatException(byte[] bytes) => ReadsOrRefuses(bytes);

    [Property(MaxTest = 500)]
    public Property Text_made_of_sdp_pieces_reads_or_throws_SdpFormatException() =>
        Prop.ForAll(
            Gen.Elements("v=0", "o=- 1 1 IN IP4 h", "s=-", "s= -", "c=IN IP4 h", "t=0 0", "m=message 9 TCP/MSRP *", "m=audio 0 RTP/AVP 0", "a=path:msrp://h/s;tcp",
                    "a=accept-types:*", "a=setup:active", "a=", "x=", "\r\n", "\n", "\r", " ", "=", "\0", "é")
                .ArrayOf()
                .Select(string.Concat)
                .ToArbitrary(),
            ReadsOrRefuses);

    /// <summary>Mutations of the vectors reach far deeper than random text.</summary>
    [Property(MaxTest = 2000)]
    public Property Mutated_vectors_read_or_throw_SdpFormatException()
    {
        var mutated =
            from seed in Gen.Elements(Seeds)
            from edits in Edit.ArrayOf()
            select Mutate(seed, edits.Take(6));
        return Prop.ForAll(mutated.ToArbitrary(), ReadsOrRefuses);
    }

    private static readonly Gen<(int Kind, int Position, byte Byte)> Edit =
        from kind in Gen.Choose(0, 4)
        from position in Gen.Choose(0, 1 << 20)
        from value in Gen.Elements("\r\n =:/;*acmostv0\0\xFF"u8.ToArray())
        select (kind, position, value);

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
                case 3 when bytes.Count > 0: bytes.RemoveRange(at, Math.Min(12, bytes.Count - at)); break;
                case 4: bytes.InsertRange(at, bytes.Skip(at).Take(40).ToArray()); break;
            }
        }

        return bytes.ToArray();
    }

    private static bool ReadsOrRefuses(string text)
    {
        try
        {
            var description = SessionDescription.Parse(text);
            return SessionDescription.Parse(description.ToString()).Equals(description) && Exercise(description);
        }
        catch (SdpFormatException e)
        {
            return !string.IsNullOrEmpty(e.Reason);
        }
    }

    private static bool ReadsOrRefuses(byte[] bytes)
    {
        try
        {
            var description = SessionDescription.Parse(bytes);
            var written = description.ToBytes();
            var crlfOnly = !Encoding.UTF8.GetString(bytes).Replace("\r\n", string.Empty, StringComparison.Ordinal).Contains('\n', StringComparison.Ordinal);
            var identical = !crlfOnly || bytes.Length < 2 || !bytes.AsSpan().EndsWith("\r\n"u8) || bytes.AsSpan().EndsWith("\r\n\r\n"u8)
                || written.AsSpan().SequenceEqual(bytes);
            return identical && SessionDescription.Parse(written).Equals(description) && Exercise(description);
        }
        catch (SdpFormatException e)
        {
            return !string.IsNullOrEmpty(e.Reason);
        }
    }

    /// <summary>The MSRP view and offer/answer on every media description: a value or a refusal, never an exception.</summary>
    private static bool Exercise(SessionDescription description)
    {
        for (var i = 0; i < description.Media.Count; i++)
        {
            _ = description.ConnectionFor(i);
            _ = description.Media[i].Attributes.Count();
            if (MsrpMedia.TryRead(description.Media[i], description.Connection, out var msrp, out _))
            {
                _ = msrp.Accepts("text/plain");
                var relayed = msrp.WithRelays(["msrps://relay.example.net/r;tcp"]).WithTransportAddressOfFirstHop();
                if (!relayed.EndpointUri.Equals(msrp.EndpointUri, StringComparison.Ordinal))
                {
                    return false;
                }

                var local = Local with { Path = [msrp.IsTls ? "msrps://server.example.com/s;tcp" : "msrp://server.example.com/s;tcp"] };
                if (MsrpOfferAnswer.Answer(msrp, local) is MsrpAnswer.Accepted accepted)
                {
                    var negotiation = MsrpOfferAnswer.Conclude(accepted.Media, msrp, localIsOfferer: false);
                    if (!negotiation.Connection.IsValid)
                    {
                        return false;
                    }
                }
            }
            else if (MsrpOfferAnswer.Answer(description.Media[i], Local) is not MsrpAnswer.Rejected)
            {
                return false;
            }
        }

        if (MsrpOfferAnswer.AnswerSession(description, Local, Origin) is MsrpSessionAnswer.Accepted answer)
        {
            return SessionDescription.Parse(answer.Description.ToBytes()).Equals(answer.Description);
        }

        return true;
    }
}
