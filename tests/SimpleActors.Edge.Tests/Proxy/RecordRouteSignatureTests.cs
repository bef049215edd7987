using SimpleActors.Edge.Proxy;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Tests.Proxy;

/// <summary>The mark of the dialogs we record-route, and its check (RFC 3261 section 16.4, only dialogs of ours).</summary>
public class RecordRouteSignatureTests
{
    private const string CallId = "a84b4c76e66710@pc33.atlanta.com";
    private const string CallerTag = "1928301774";
    private const string CalleeTag = "a6c85cf";

    private static readonly RecordRouteSignature Signature = RecordRouteSignature.FromSecret("a cluster secret of some length");
    private static readonly string Mark = Signature.Sign(CallId, CallerTag);

    private static bool IsUs(SipUri uri) => uri.Host == "192.0.2.1" && uri.Port == 5060;

    private static SipRequest Bye(string route, string from = CallerTag, string to = CalleeTag, string callId = CallId)
        => TestRequests.Parse(
            "BYE sip:bob@192.0.2.7:5070 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bKbye1\r\nMax-Forwards: 70\r\n" +
            $"To: <sip:bob@example.com>;tag={to}\r\nFrom: <sip:alice@example.com>;tag={from}\r\nCall-ID: {callId}\r\nCSeq: 2 BYE\r\n" +
            $"Route: {route}\r\nContent-Length: 0\r\n\r\n");

    [Fact]
    public void The_mark_is_32_hex_digits_and_the_same_on_every_node_with_the_secret()
    {
        Assert.Matches("^[0-9a-f]{32}$", Mark);
        Assert.Equal(Mark, RecordRouteSignature.FromSecret("a cluster secret of some length").Sign(CallId, CallerTag));
        Assert.NotEqual(Mark, RecordRouteSignature.FromSecret("another cluster secret, longer").Sign(CallId, CallerTag));
    }

    [Fact]
    public void A_request_of_the_caller_and_one_of_the_callee_with_the_tags_swapped_are_both_accepted()
    {
        Assert.True(Signature.Verify(Mark, CallId, fromTag: CallerTag, toTag: CalleeTag));
        Assert.True(Signature.Verify(Mark, CallId, fromTag: CalleeTag, toTag: CallerTag));
    }

    [Fact]
    public void Tags_compare_without_case_and_the_mark_is_read_in_either_case()
        => Assert.True(Signature.Verify(Signature.Sign(CallId, CalleeTag).ToUpperInvariant(), CallId, fromTag: "A6C85CF", toTag: "other"));

    [Fact]
    public void Another_call_id_is_refused_and_the_call_id_compares_with_case()
    {
        Assert.False(Signature.Verify(Mark, "another@pc33.atlanta.com", CallerTag, CalleeTag));
        Assert.False(Signature.Verify(Mark, CallId.ToUpperInvariant(), CallerTag, CalleeTag));
    }

    [Fact]
    public void Tags_of_another_dialog_are_refused()
        => Assert.False(Signature.Verify(Mark, CallId, fromTag: "forged", toTag: CalleeTag));

    [Theory]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("not-hex-not-hex-not-hex-not-hex!")]
    [InlineData("")]
    [InlineData(null)]
    public void A_forged_or_missing_value_is_refused(string? value)
        => Assert.False(Signature.Verify(value, CallId, CallerTag, CalleeTag));

    [Fact]
    public void A_tampered_shortened_or_lengthened_mark_is_refused()
    {
        var flipped = (Mark[0] == 'a' ? "b" : "a") + Mark[1..];
        Assert.False(Signature.Verify(flipped, CallId, CallerTag, CalleeTag));
        Assert.False(Signature.Verify(Mark[..30], CallId, CallerTag, CalleeTag));
        Assert.False(Signature.Verify(Mark + "00", CallId, CallerTag, CalleeTag));
    }

    [Fact]
    public void A_request_whose_route_carries_the_mark_is_signed()
        => Assert.True(Signature.Signs(Bye($"<sip:192.0.2.1:5060;transport=udp;lr;sa-rr={Mark}>"), IsUs));

    [Fact]
    public void A_route_to_us_without_the_parameter_is_not_signed()
        => Assert.False(Signature.Signs(Bye("<sip:192.0.2.1:5060;lr>"), IsUs));

    [Fact]
    public void A_mark_copied_into_another_dialog_is_not_signed()
        => Assert.False(Signature.Signs(Bye($"<sip:192.0.2.1:5060;lr;sa-rr={Mark}>", callId: "other@192.0.2.66", from: "x1", to: "y2"), IsUs));

    [Fact]
    public void Any_of_our_values_on_top_may_carry_it_a_double_record_route_or_an_outbound_proxy_route_above()
    {
        // RFC 5658 section 3.3: both of ours; a client's outbound proxy setting may put an unmarked value of ours above.
        Assert.True(Signature.Signs(Bye($"<sip:192.0.2.1:5060;lr>, <sip:192.0.2.1:5060;transport=tcp;lr;sa-rr={Mark}>"), IsUs));
    }

    [Fact]
    public void A_mark_below_a_route_that_is_not_ours_does_not_count()
        => Assert.False(Signature.Signs(Bye($"<sip:192.0.2.1:5060;lr>, <sip:198.51.100.1;lr>, <sip:192.0.2.1:5060;lr;sa-rr={Mark}>"), IsUs));

    [Fact]
    public void A_key_shorter_than_16_bytes_is_refused()
        => Assert.Throws<ArgumentException>(() => new RecordRouteSignature(new byte[15]));
}
