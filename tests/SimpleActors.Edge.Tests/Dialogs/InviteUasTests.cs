using System.Text;
using SimpleActors.Edge.Dialogs;
using SimpleActors.Edge.Tests.Transactions;
using SimpleActors.Sip.Message;
using static SimpleActors.Edge.Tests.Dialogs.InviteUasEdge;

namespace SimpleActors.Edge.Tests.Dialogs;

/// <summary>
/// INVITE sessions answered by a usage, through the real edge and transaction layer on a fake clock (RFC 3261 sections
/// 9.2, 12.1.1, 13.3, 14.2 and 15).
/// </summary>
public sealed class InviteUasTests : IDisposable
{
    private const string CallId = "call-1@192.0.2.7";
    private readonly InviteUasEdge edge = new();

    public void Dispose() => edge.Dispose();

    private static SipRequest Request(
        string method, uint cseq, string branch, string? toTag = null, string uri = "sip:room@example.com", string? extra = null, string body = "",
        string contact = "<sip:alice@192.0.2.7:5070>")
        => TestRequests.Parse(
            $"{method} {uri} SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.7:5070;branch={branch}\r\nMax-Forwards: 70\r\n" +
            "To: <sip:room@example.com>" + (toTag is null ? string.Empty : ";tag=" + toTag) + "\r\n" +
            $"From: <sip:alice@example.com>;tag=a1\r\nCall-ID: {CallId}\r\nCSeq: {cseq} {method}\r\n" +
            (method is SipMethod.Invite ? $"Contact: {contact}\r\n" : string.Empty) + extra +
            (body.Length > 0 ? "Content-Type: application/sdp\r\n" : string.Empty) +
            $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");

    private static SipRequest Invite(string? extra = null, uint cseq = 1) => Request(SipMethod.Invite, cseq, "z9hG4bKinvite", extra: extra, body: "v=0\r\n");

    private static SipRequest Ack(string tag, uint cseq = 1) => Request(SipMethod.Ack, cseq, "z9hG4bKack" + cseq, tag, "sip:127.0.0.1:5060;transport=udp");

    private static SipRequest InDialog(string method, string tag, uint cseq, string? contact = null) =>
        Request(method, cseq, $"z9hG4bK{method.ToLowerInvariant()}{cseq}", tag, "sip:127.0.0.1:5060;transport=udp",
            contact: contact ?? "<sip:alice@192.0.2.7:5070>");

    private int Oks() => edge.Responses().Count(r => r.StatusCode == 200);

    /// <summary>An INVITE answered 200 and acknowledged: the session is up; our To tag returned.</summary>
    private async Task<string> Confirmed(string? extra = null)
    {
        edge.Receive(Invite(extra));
        await Until(() => Oks() == 1, "answered");
        var tag = edge.Responses()[0].To!.Tag!;
        edge.Receive(Ack(tag));
        await Until(() => !edge.Usage.Confirmations.IsEmpty, "confirmed");
        return tag;
    }

    private async Task StepUntil(Func<bool> condition, TimeSpan most, string what)
    {
        for (var waited = TimeSpan.Zero; !condition() && waited < most; waited += TimeSpan.FromSeconds(1))
        {
            edge.Time.Step(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        await Until(condition, what);
    }

    [Fact]
    public async Task An_invite_is_answered_200_with_the_usages_sdp_our_tag_our_contact_and_its_record_route()
    {
        edge.Receive(Invite("Record-Route: <sip:192.0.2.50;lr>, <sip:192.0.2.51;lr>\r\n"));
        await Until(() => Oks() == 1, "answered");

        var ok = edge.Responses()[0];
        Assert.False(string.IsNullOrEmpty(ok.To!.Tag));
        Assert.Equal("<sip:127.0.0.1:5060;transport=udp>", ok.Headers.GetFirstValue(KnownHeader.Contact));
        Assert.Equal(["<sip:192.0.2.50;lr>", "<sip:192.0.2.51;lr>"], ok.RecordRoutes.Select(r => r.ToString()));
        Assert.Equal("application/sdp", ok.ContentType!.Essence);
        Assert.Equal(TestInviteUsage.Sdp, Encoding.UTF8.GetString(ok.Body.Span));
        Assert.Null(Assert.Single(edge.Usage.Offers).Dialog);
        Assert.True(edge.Uas.Holds(ok.To.Tag!));
    }

    [Fact]
    public async Task The_2xx_is_resent_until_the_ack_which_confirms_the_session_with_its_route_set()
    {
        edge.Receive(Invite("Record-Route: <sip:192.0.2.50;lr>\r\n"));
        await Until(() => Oks() == 1, "answered");
        edge.Time.Step(TimeSpan.FromMilliseconds(500));
        await Until(() => Oks() == 2, "resent at T1");
        edge.Time.Step(TimeSpan.FromMilliseconds(1000));
        await Until(() => Oks() == 3, "resent at 2*T1");
        var tag = edge.Responses()[0].To!.Tag!;

        edge.Receive(Ack(tag));
        await Until(() => !edge.Usage.Confirmations.IsEmpty, "confirmed");
        edge.Time.Step(TimeSpan.FromSeconds(8));
        await Task.Delay(50);

        Assert.Equal(3, Oks());
        var (confirmedTag, dialog) = Assert.Single(edge.Usage.Confirmations);
        Assert.Equal(tag, confirmedTag);
        Assert.Equal((CallId, "a1", "sip:alice@192.0.2.7:5070"), (dialog.CallId, dialog.RemoteTag, dialog.RemoteTarget));
        Assert.Equal(["<sip:192.0.2.50;lr>"], dialog.RouteSet.ToArray());
        Assert.Equal(0, edge.Uas.Invites.Count);
    }

    [Fact]
    public async Task A_bye_is_answered_200_and_ends_the_session_and_a_later_bye_gets_481()
    {
        var tag = await Confirmed();

        edge.Receive(InDialog(SipMethod.Bye, tag, 2));
        await Until(() => edge.Responses(SipMethod.Bye).Length == 1, "BYE answered");
        edge.Receive(InDialog(SipMethod.Bye, tag, 3));
        await Until(() => edge.Responses(SipMethod.Bye).Length == 2, "second BYE answered");

        Assert.Equal([200, 481], edge.Responses(SipMethod.Bye).Select(r => r.StatusCode));
        Assert.Equal((tag, InviteSessionEnd.Bye), Assert.Single(edge.Usage.Ends));
        Assert.False(edge.Uas.Holds(tag));
        Assert.Equal(0, edge.Uas.Count);
    }

    [Fact]
    public async Task A_cancel_before_the_answer_gets_200_and_the_invite_487_and_the_late_answer_is_dropped()
    {
        var answer = new TaskCompletionSource<InviteAnswer>();
        edge.Usage.Answer = (_, _, _) => answer.Task;
        edge.Receive(Invite());
        await Until(() => !edge.Usage.Offers.IsEmpty, "offered");

        edge.Receive(Request(SipMethod.Cancel, 1, "z9hG4bKinvite"));
        await Until(() => edge.Responses().Length == 1, "INVITE answered");
        answer.SetResult(TestInviteUsage.Ok());
        await Task.Delay(50);

        Assert.Equal([200], edge.Responses(SipMethod.Cancel).Select(r => r.StatusCode));
        Assert.Equal([487], edge.Responses().Select(r => r.StatusCode));
        Assert.True(Assert.Single(edge.Usage.Offers).Cancelled.IsCancellationRequested);
        Assert.Equal(InviteSessionEnd.Cancelled, Assert.Single(edge.Usage.Ends).Why);
        Assert.Equal(0, edge.Uas.Count);
    }

    [Fact]
    public async Task A_cancel_after_the_answer_gets_481_and_changes_nothing()
    {
        var tag = await Confirmed();

        edge.Receive(Request(SipMethod.Cancel, 1, "z9hG4bKinvite"));
        await Until(() => edge.Responses(SipMethod.Cancel).Length == 1, "CANCEL answered");

        Assert.Equal(481, edge.Responses(SipMethod.Cancel)[0].StatusCode);
        Assert.True(edge.Uas.Holds(tag));
    }

    [Fact]
    public async Task A_re_invite_is_answered_by_the_usage_and_refreshes_the_remote_target()
    {
        var tag = await Confirmed();

        edge.Receive(InDialog(SipMethod.Invite, tag, 2, contact: "<sip:alice@192.0.2.99:5080>"));
        await Until(() => Oks() == 2, "re-INVITE answered");
        edge.Receive(Ack(tag, 2));
        await Until(() => edge.Usage.Confirmations.Count == 2, "confirmed again");

        Assert.Equal(tag, edge.Responses()[1].To!.Tag);
        Assert.NotNull(edge.Usage.Offers.Last().Dialog);
        var dialog = edge.Usage.Confirmations.Last().Dialog;
        Assert.Equal(("sip:alice@192.0.2.99:5080", 2u), (dialog.RemoteTarget, dialog.RemoteCSeq));
        Assert.Equal(dialog, edge.Uas.DialogOf(tag));
    }

    [Fact]
    public async Task A_re_invite_out_of_order_gets_500()
    {
        edge.Receive(Invite(cseq: 10));
        await Until(() => Oks() == 1, "answered");
        var tag = edge.Responses()[0].To!.Tag!;
        edge.Receive(Ack(tag, 10));
        await Until(() => !edge.Usage.Confirmations.IsEmpty, "confirmed");

        edge.Receive(InDialog(SipMethod.Invite, tag, 5));
        await Until(() => edge.Responses().Length == 2, "re-INVITE answered");

        Assert.Equal(500, edge.Responses()[1].StatusCode);
        Assert.Single(edge.Usage.Offers);
        Assert.True(edge.Uas.Holds(tag));
    }

    [Fact]
    public async Task A_re_invite_while_one_is_unanswered_gets_500_with_retry_after()
    {
        var tag = await Confirmed();
        var answer = new TaskCompletionSource<InviteAnswer>();
        edge.Usage.Answer = (_, _, _) => answer.Task;
        edge.Receive(InDialog(SipMethod.Invite, tag, 2));
        await Until(() => edge.Usage.Offers.Count == 2, "re-INVITE offered");

        edge.Receive(InDialog(SipMethod.Invite, tag, 3));
        await Until(() => edge.Responses().Length == 2, "second re-INVITE answered");
        answer.SetResult(TestInviteUsage.Ok());
        await Until(() => edge.Responses().Length == 3, "first re-INVITE answered");

        var refused = edge.Responses()[1];
        Assert.Equal((500, 3u), (refused.StatusCode, refused.CSeq!.Number));
        Assert.InRange(int.Parse(refused.Headers.GetFirstValue(KnownHeader.RetryAfter)!, System.Globalization.CultureInfo.InvariantCulture), 0, 10);
        Assert.Equal((200, 2u), (edge.Responses()[2].StatusCode, edge.Responses()[2].CSeq!.Number));
    }

    [Fact]
    public async Task Without_an_ack_in_64_t1_we_send_a_bye_with_the_next_cseq_of_the_dialog()
    {
        edge.Receive(Invite());
        await Until(() => Oks() == 1, "answered");
        var tag = edge.Responses()[0].To!.Tag!;

        await StepUntil(() => edge.Requests(SipMethod.Bye).Length == 1, TimeSpan.FromSeconds(40), "BYE sent");

        var bye = edge.Requests(SipMethod.Bye)[0];
        Assert.Equal("sip:alice@192.0.2.7:5070", bye.RequestUriText);
        Assert.Equal((1u, tag, "a1"), (bye.CSeq!.Number, bye.From!.Tag, bye.To!.Tag));
        Assert.Equal("127.0.0.1", bye.TopVia!.Host);
        Assert.InRange(edge.Sender.Times(m => m is SipRequest { Method: SipMethod.Bye })[0], 31.9, 34); // 64*T1
        Assert.InRange(Oks(), 8, 12);
        await Until(() => !edge.Usage.Ends.IsEmpty, "ended");
        Assert.Equal((tag, InviteSessionEnd.NoAck), Assert.Single(edge.Usage.Ends));
        Assert.Empty(edge.Usage.Confirmations);
        Assert.False(edge.Uas.Holds(tag));
    }

    [Fact]
    public async Task The_usage_ending_a_session_sends_our_bye_through_the_route_set_and_a_later_bye_gets_481()
    {
        var tag = await Confirmed("Record-Route: <sip:192.0.2.50;lr>\r\n");

        var hangup = edge.Uas.HangupAsync(tag);
        await Until(() => edge.Requests(SipMethod.Bye).Length == 1, "BYE sent");
        var bye = edge.Requests(SipMethod.Bye)[0];
        Assert.True(edge.Layer.ReceiveResponse(SipResponse.CreateFor(bye, 200)));

        Assert.True(await hangup);
        Assert.Equal(("sip:alice@192.0.2.7:5070", 1u), (bye.RequestUriText, bye.CSeq!.Number));
        Assert.Equal(["<sip:192.0.2.50;lr>"], bye.Routes.Select(r => r.ToString()));
        Assert.Equal("192.0.2.50:5060", edge.Sender.Sent.Single(s => s.Message is SipRequest { Method: SipMethod.Bye }).Destination.EndPoint.ToString());
        Assert.Equal((tag, InviteSessionEnd.Hangup), Assert.Single(edge.Usage.Ends));
        Assert.False(await edge.Uas.HangupAsync(tag));

        edge.Receive(InDialog(SipMethod.Bye, tag, 2));
        await Until(() => edge.Responses(SipMethod.Bye).Length == 1, "peer BYE answered");
        Assert.Equal(481, edge.Responses(SipMethod.Bye)[0].StatusCode);
    }

    [Theory]
    [InlineData("INFO", 405)]
    [InlineData("MESSAGE", 405)]
    [InlineData("FOO", 501)]
    public async Task Another_method_in_a_session_gets_405_with_allow_or_501(string method, int status)
    {
        var tag = await Confirmed();

        edge.Receive(InDialog(method, tag, 2));
        await Until(() => edge.Responses(method).Length == 1, "answered");

        var response = edge.Responses(method)[0];
        Assert.Equal(status, response.StatusCode);
        Assert.Contains("BYE", response.Headers.GetFirstValue(KnownHeader.Allow), StringComparison.Ordinal);
        Assert.True(edge.Uas.Holds(tag));
    }

    [Fact]
    public async Task A_rejected_invite_is_sent_as_the_usage_says_and_leaves_no_session()
    {
        edge.Usage.Answer = (_, _, _) => Task.FromResult(new InviteAnswer(486, "Room full"));
        edge.Receive(Invite());
        await Until(() => edge.Responses().Length == 1, "answered");
        await Until(() => edge.Uas.Count == 0, "forgotten");

        Assert.Equal((486, "Room full"), (edge.Responses()[0].StatusCode, edge.Responses()[0].ReasonPhrase));
        Assert.Empty(edge.Usage.Ends);
    }
}
