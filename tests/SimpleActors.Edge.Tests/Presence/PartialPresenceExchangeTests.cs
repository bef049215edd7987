using System.Text;
using SimpleActors.Edge.Presence;
using SimpleActors.Engine.Presence;
using SimpleActors.Presence;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Tests.Presence;

/// <summary>The edge's side of partial presence: who asks for partial NOTIFYs (RFC 5263), what a partial PUBLISH carries (RFC 5264).</summary>
public class PartialPresenceExchangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static SipRequest Subscribe(string? accept) => TestRequests.Parse(
        "SUBSCRIBE sip:alice@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bKsub1\r\n" +
        "Max-Forwards: 70\r\nTo: <sip:alice@example.com>\r\nFrom: <sip:bob@example.com>;tag=b1\r\n" +
        "Call-ID: sub-1@192.0.2.7\r\nCSeq: 1 SUBSCRIBE\r\nEvent: presence\r\nContact: <sip:bob@192.0.2.7:5070>\r\n" +
        (accept is null ? string.Empty : $"Accept: {accept}\r\n") + "Content-Length: 0\r\n\r\n");

    private static SipRequest Publish(string contentType, string body, string? ifMatch = null) => TestRequests.Parse(
        "PUBLISH sip:alice@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bKpub1\r\n" +
        "Max-Forwards: 70\r\nTo: <sip:alice@example.com>\r\nFrom: <sip:alice@example.com>;tag=p1\r\n" +
        "Call-ID: pub-1@192.0.2.7\r\nCSeq: 1 PUBLISH\r\nEvent: presence\r\nExpires: 600\r\n" +
        (ifMatch is null ? string.Empty : $"SIP-If-Match: {ifMatch}\r\n") +
        $"Content-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");

    [Theory]
    [InlineData("application/pidf-diff+xml", true)]
    [InlineData("application/pidf+xml, application/pidf-diff+xml", true)]
    [InlineData("Application/PIDF-DIFF+XML", true)]
    [InlineData("application/pidf-diff+xml;q=0, application/pidf+xml", false)]
    [InlineData("application/pidf+xml", false)]
    [InlineData("application/*", false)]
    [InlineData(null, false)]
    public void A_subscription_is_partial_when_the_accept_names_pidf_diff(string? accept, bool partial)
    {
        var command = SubscribeExchange.ToCommand(Subscribe(accept), "sub-1", "sip:alice@example.com", "presence", TestRequests.UdpFlow, null, Now);

        Assert.Equal(partial, command.Partial);
    }

    [Fact]
    public void A_well_formed_pidf_diff_publish_goes_to_the_entity_as_received()
    {
        const string Body = "<p:pidf-diff xmlns:p=\"urn:ietf:params:xml:ns:pidf-diff\" entity=\"sip:alice@example.com\" version=\"2\"/>";

        var (command, refusal) = PublishExchange.ToCommand(
            Publish("application/pidf-diff+xml", Body, "e1"), "sip:alice@example.com", "alice", "e2", Now, PresenceLimits.Default, "t");

        Assert.Null(refusal);
        Assert.Equal(("application/pidf-diff+xml", "e1"), (command!.ContentType, command.IfMatch));
        Assert.Equal(Body, Encoding.UTF8.GetString(command.Body!));
    }

    [Fact]
    public void A_malformed_pidf_diff_publish_is_400_with_the_reason()
    {
        var (command, refusal) = PublishExchange.ToCommand(
            Publish("application/pidf-diff+xml", "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:alice@example.com\"/>"),
            "sip:alice@example.com", "alice", "e2", Now, PresenceLimits.Default, "t");

        Assert.Null(command);
        Assert.Equal(400, refusal!.StatusCode);
        Assert.Contains("pidf-diff", refusal.ReasonPhrase, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_patch_is_answered_with_its_patch_ops_error_document()
    {
        var request = Publish("application/pidf-diff+xml", "<x/>", "e1");
        var result = new PublishResult(400, "'sel' matches no node", null, 0, null) { PatchError = "<patch-ops-error/>"u8.ToArray() };

        var response = PublishExchange.ToResponse(request, result, "t");

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("application/patch-ops-error+xml", response.ContentType!.Essence);
        Assert.Equal("<patch-ops-error/>", Encoding.UTF8.GetString(response.Body.Span));
        Assert.False(response.Headers.Contains(KnownHeader.SipETag));
    }
}
