using SimpleActors.Sip.Sdp;

namespace SimpleActors.Fuzz;

/// <summary>
/// The SDP reader: only <see cref="SdpFormatException"/> may escape it; a description that reads is written and must read
/// again equal (and, when it came in plain CRLF lines, written byte for byte as it came). On what reads, every media
/// description goes through the MSRP view (with relays added, c=/m= realigned, re-offer check) and offer/answer, and the whole offer
/// through the session answer, whose description must read again: none of them may throw.
/// </summary>
internal sealed class SdpTarget : IFuzzTarget
{
    private static readonly MsrpEndpointParameters Local = new()
    {
        Path = ["msrp://server.example.com:2855/s3rv3rS1d;tcp"],
        AcceptTypes = ["message/cpim", "text/plain"],
        AcceptWrappedTypes = ["*"],
        SupportsCema = true,
        ChatRoom = ["nickname", "private-messages"],
    };

    private static readonly SdpOrigin Origin = new("-", "1", "1", "IN", "IP4", "server.example.com");

    public void Run(ReadOnlySpan<byte> input)
    {
        SessionDescription description;
        try
        {
            description = SessionDescription.Parse(input);
        }
        catch (SdpFormatException)
        {
            return;
        }

        var written = description.ToBytes();
        try
        {
            if (!SessionDescription.Parse(written).Equals(description))
            {
                throw new FuzzFinding("a description written and read again is not the same");
            }
        }
        catch (SdpFormatException e)
        {
            throw new FuzzFinding("a description that was read, written, does not read again", e);
        }

        if (IsPlainCrlf(input) && !input.SequenceEqual(written))
        {
            throw new FuzzFinding("a description in CRLF lines is not written back byte for byte");
        }

        for (var i = 0; i < description.Media.Count; i++)
        {
            Media(description, i);
        }

        if (MsrpOfferAnswer.AnswerSession(description, Local, Origin) is MsrpSessionAnswer.Accepted answer)
        {
            try
            {
                _ = SessionDescription.Parse(answer.Description.ToBytes());
            }
            catch (SdpFormatException e)
            {
                throw new FuzzFinding("a session answer does not read", e);
            }
        }
    }

    private static void Media(SessionDescription description, int index)
    {
        var media = description.Media[index];
        _ = description.ConnectionFor(index);
        if (!MsrpMedia.TryRead(media, description.Connection, out var msrp, out _))
        {
            if (MsrpOfferAnswer.Answer(media, Local, description.Connection) is not MsrpAnswer.Rejected)
            {
                throw new FuzzFinding("media the MSRP view refuses is answered");
            }

            return;
        }

        _ = msrp.Accepts("text/plain");
        _ = msrp.Accepts("application/im-iscomposing+xml");
        var relayed = msrp.WithRelays(["msrps://relay.example.net:2855/r3l4y;tcp"]).WithTransportAddressOfFirstHop();
        if (relayed.EndpointUri != msrp.EndpointUri || relayed.Path.Count != msrp.Path.Count + 1)
        {
            throw new FuzzFinding("adding a relay changed the endpoint's URI");
        }

        if (MsrpOfferAnswer.IsNewSession(msrp, msrp) || !MsrpOfferAnswer.IsNewSession(msrp, relayed))
        {
            throw new FuzzFinding("a path compared with itself is new, or one with a relay added is not");
        }

        var local = Local with { Path = [msrp.IsTls ? "msrps://server.example.com/s3rv3rS1d;tcp" : "msrp://server.example.com/s3rv3rS1d;tcp"] };
        if (MsrpOfferAnswer.Answer(msrp, local) is MsrpAnswer.Accepted accepted)
        {
            var negotiation = MsrpOfferAnswer.Conclude(accepted.Media, msrp, localIsOfferer: false);
            if (!negotiation.IsValid)
            {
                throw new FuzzFinding("our own answer does not make a valid exchange: " + negotiation.Problem);
            }

            _ = MsrpOfferAnswer.Conclude(msrp, accepted.Media, localIsOfferer: true);
        }
    }

    // Every line ends with CRLF, there is no bare LF, and no empty line (which the reader drops at the end).
    private static bool IsPlainCrlf(ReadOnlySpan<byte> input)
    {
        if (input.Length < 2 || !input.EndsWith("\r\n"u8) || input.EndsWith("\r\n\r\n"u8) || input.StartsWith("\r\n"u8))
        {
            return false;
        }

        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] == '\n' && input[i - 1] != '\r')
            {
                return false;
            }
        }

        return true;
    }
}
