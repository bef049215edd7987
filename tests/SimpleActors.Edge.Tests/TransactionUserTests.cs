using System.IO.Compression;
using System.Text;
using SimpleActors.Edge.Tests.Dialogs;
using SimpleActors.Sip.Message;
using static SimpleActors.Edge.Tests.Dialogs.InviteUasEdge;

namespace SimpleActors.Edge.Tests;

/// <summary>
/// The transaction user between the router and the handlers: RFC 3261 section 8.2.3, a request the node answers as a
/// UAS (here an INVITE a usage answers) has its Content-Encoding undone before its handler reads the body, or is
/// refused; a SUBSCRIBE to no known user or list is routed again after the list directory's copy is refreshed.
/// </summary>
public sealed class TransactionUserTests : IDisposable
{
    private const string Sdp = "v=0\r\n";
    private readonly InviteUasEdge edge = new();

    public void Dispose() => edge.Dispose();

    private static SipRequest Invite(string contentEncoding, byte[] body)
    {
        var invite = TestRequests.Parse(
            "INVITE sip:room@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bKcoded\r\nMax-Forwards: 70\r\n" +
            "To: <sip:room@example.com>\r\nFrom: <sip:alice@example.com>;tag=a1\r\nCall-ID: coded-1@192.0.2.7\r\nCSeq: 1 INVITE\r\n" +
            $"Contact: <sip:alice@192.0.2.7:5070>\r\nContent-Type: application/sdp\r\nContent-Encoding: {contentEncoding}\r\n" +
            "Content-Length: 0\r\n\r\n");
        invite.Body = body;
        invite.Headers.Set(KnownHeader.ContentLength, body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return invite;
    }

    /// <summary>An initial presence SUBSCRIBE from alice to <c>sip:USER@example.com</c>, without Supported: eventlist.</summary>
    private static SipRequest Subscribe(string user) => TestRequests.Parse(
        $"SUBSCRIBE sip:{user}@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bK{user}\r\nMax-Forwards: 70\r\n" +
        $"To: <sip:{user}@example.com>\r\nFrom: <sip:alice@example.com>;tag=a1\r\nCall-ID: {user}-1@192.0.2.7\r\nCSeq: 1 SUBSCRIBE\r\n" +
        "Contact: <sip:alice@192.0.2.7:5070>\r\nEvent: presence\r\nContent-Length: 0\r\n\r\n");

    private static byte[] Zlib(byte[] data)
    {
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    [Fact]
    public async Task A_deflated_body_reaches_the_handler_decoded_without_its_content_encoding()
    {
        edge.Receive(Invite("deflate", Zlib(Encoding.UTF8.GetBytes(Sdp))));
        await Until(() => !edge.Usage.Offers.IsEmpty, "offered");

        Assert.True(edge.Usage.Offers.TryPeek(out var offer));
        Assert.Equal(Sdp, Encoding.UTF8.GetString(offer.Invite.Body.Span));
        Assert.False(offer.Invite.Headers.Contains(KnownHeader.ContentEncoding));
    }

    [Fact]
    public async Task An_unknown_content_coding_gets_415_with_accept_encoding()
    {
        edge.Receive(Invite("gzip", Encoding.UTF8.GetBytes(Sdp)));
        await Until(() => edge.Responses().Length == 1, "answered");

        var response = edge.Responses()[0];
        Assert.Equal(415, response.StatusCode);
        Assert.Equal(ContentCoding.Accepted, response.Headers.GetFirstValue(KnownHeader.AcceptEncoding));
        Assert.Empty(edge.Usage.Offers);
    }

    [Fact]
    public async Task A_body_that_inflates_past_the_body_size_limit_gets_413()
    {
        edge.Receive(Invite("deflate", Zlib(new byte[1024 * 1024])));
        await Until(() => edge.Responses().Length == 1, "answered");

        Assert.Equal(413, edge.Responses()[0].StatusCode);
        Assert.Empty(edge.Usage.Offers);
    }

    [Fact]
    public async Task A_subscribe_to_a_service_the_directory_copy_lacks_is_routed_again_after_a_refresh()
    {
        // The copy learns of sip:new-buddies@example.com only when refreshed (the replicator's notification still to come).
        string? owner = null;
        var refreshes = 0;
        using var lists = new InviteUasEdge(null, 5060, uri => uri == "sip:new-buddies@example.com" ? owner : null, () =>
        {
            refreshes++;
            owner = "sip:alice@example.com";
            return Task.CompletedTask;
        });

        // Without Supported: eventlist a list answers 421 (RFC 4662 section 4.1) where no list would answer 404.
        lists.Receive(Subscribe("new-buddies"));
        await Until(() => lists.Responses(SipMethod.Subscribe).Length == 1, "answered");

        Assert.Equal(421, lists.Responses(SipMethod.Subscribe)[0].StatusCode);
        Assert.Equal(1, refreshes);
    }

    [Fact]
    public async Task A_subscribe_to_no_user_and_no_list_is_404_after_the_refresh()
    {
        var refreshes = 0;
        using var lists = new InviteUasEdge(null, 5060, _ => null, () =>
        {
            refreshes++;
            return Task.CompletedTask;
        });

        lists.Receive(Subscribe("nobody"));
        await Until(() => lists.Responses(SipMethod.Subscribe).Length == 1, "answered");

        Assert.Equal(404, lists.Responses(SipMethod.Subscribe)[0].StatusCode);
        Assert.Equal(1, refreshes);
    }
}
