using System.Text;
using SimpleActors.Engine.Rls;
using SimpleActors.Presence.Rls;
using SimpleActors.Sip.Dialogs;
using static SimpleActors.Engine.Tests.Entities.Samples;

namespace SimpleActors.Engine.Tests.Rls;

/// <summary>A back-end subscription (RFC 4662 section 4.2, RFC 6665 as subscriber) transition by transition, at the pure layer.</summary>
public class BackendSubscriptionTests
{
    private const string Dave = "sip:dave@peer.test";
    private const string Alice = "sip:alice@example.com";
    private const string ListId = "0123456789abcdef";

    private static readonly ResourceListOptions Options = new()
    {
        BackendExpires = 600, BackendFloor = TimeSpan.FromSeconds(5), BackendRetry = TimeSpan.FromSeconds(30),
        BackendRetryMax = TimeSpan.FromMinutes(10), BackendMaxFailures = 3,
    };

    private static readonly byte[] DavePidf = Encoding.UTF8.GetBytes(
        """<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:dave@peer.test"><tuple id="t"><status><basic>open</basic></status></tuple></presence>""");

    private static (BackendSubscription Next, OutgoingRequest Send) Start(ResourceListOptions? options = null) =>
        BackendSubscription.Start(Dave, Alice, ListId, "k1", options ?? Options, Now);

    private static BackendResponse Response(BackendSubscription at, OutgoingRequest sent, int status, int? expires = null, int? minExpires = null, int? retryAfter = null) =>
        new(at.LocalTag, sent.CallId, sent.CSeq, status, null, status < 300 ? "peer-tag" : null, status < 300 ? "sip:presence@192.0.2.7:5070" : null,
            status < 300 ? ["<sip:p2.peer.test;lr>", "<sip:p1.peer.test;lr>"] : [], expires, minExpires, retryAfter);

    private static BackendNotify Notify(BackendSubscription at, uint cseq, string? state, byte[]? body = null, string fromTag = "peer-tag", string? contentType = "application/pidf+xml") =>
        new(at.LocalTag, fromTag, at.Dialog.CallId, cseq, state, body is null ? null : contentType, body ?? [], "sip:presence@192.0.2.7:5070", []);

    private static BackendSubscription Established(ResourceListOptions? options = null)
    {
        var (started, sent) = Start(options);
        var (next, send) = started.Responded(Response(started, sent, 200, expires: 600), options ?? Options, Now);
        Assert.Null(send);
        return next;
    }

    private static string? Header(OutgoingRequest request, string name) => request.Headers.FirstOrDefault(h => h.Key == name).Value;

    [Fact]
    public void Start_sends_an_initial_subscribe_for_presence_in_pidf_from_the_lists_subscriber_with_a_tag_naming_the_list_subscription()
    {
        var (next, send) = Start();

        Assert.Equal(("SUBSCRIBE", Dave, 1u), (send.Method, send.RequestUri, send.CSeq));
        Assert.Equal($"<{Dave}>", send.To); // no To-tag: outside a dialog
        Assert.StartsWith($"<{Alice}>;tag={ListId}~", send.From, StringComparison.Ordinal);
        Assert.True(BackendTag.TryParse(next.LocalTag, out var listId));
        Assert.Equal(ListId, listId);
        Assert.Equal(("presence", "application/pidf+xml", "600"), (Header(send, "Event"), Header(send, "Accept"), Header(send, "Expires")));
        Assert.Empty(send.Routes);
        Assert.Equal((BackendPhase.Subscribing, RlmiInstanceState.Pending, 1u), (next.Phase, next.Instance, next.InFlight));
    }

    [Fact]
    public void An_outbound_proxy_is_a_preloaded_loose_route()
    {
        var (_, send) = Start(new ResourceListOptions { OutboundProxy = "sip:127.0.0.1:5999" });

        Assert.Equal(["<sip:127.0.0.1:5999;lr>"], send.Routes);
        Assert.Equal(Dave, send.RequestUri);
    }

    [Fact]
    public void Only_tags_with_the_mark_are_back_end_tags()
    {
        Assert.False(BackendTag.TryParse("0123456789abcdef", out _));
        Assert.False(BackendTag.TryParse("~k1-0", out _));
        Assert.False(BackendTag.TryParse(null, out _));
        Assert.True(BackendTag.TryParse(BackendTag.Of("abc", "k", 2), out var id));
        Assert.Equal("abc", id);
    }

    [Fact]
    public void A_2xx_forms_the_dialog_with_the_record_route_reversed_and_refreshes_at_80_percent_of_the_granted_expiry()
    {
        var next = Established();

        Assert.Equal(BackendPhase.Established, next.Phase);
        Assert.Equal(("peer-tag", "sip:presence@192.0.2.7:5070"), (next.Dialog.RemoteTag, next.Dialog.RemoteTarget));
        Assert.Equal(["<sip:p1.peer.test;lr>", "<sip:p2.peer.test;lr>"], next.Dialog.RouteSet.ToArray());
        Assert.Equal(Now.AddSeconds(600), next.ExpiresAt);
        Assert.Equal(Now.AddSeconds(480), next.DueAt);
        Assert.Equal(RlmiInstanceState.Pending, next.Instance); // a 2xx is not yet state (RFC 6665 section 4.1.2.1)
        Assert.Equal(0u, next.InFlight);
    }

    [Fact]
    public void A_short_grant_is_refreshed_no_sooner_than_the_floor()
    {
        var (started, sent) = Start();

        var (next, _) = started.Responded(Response(started, sent, 200, expires: 4), Options, Now);

        Assert.Equal(Now.AddSeconds(4), next.DueAt); // the floor (5 s) but not past the expiry
        var (longer, _) = started.Responded(Response(started, sent, 202, expires: 6), Options, Now);
        Assert.Equal(Now.AddSeconds(5), longer.DueAt);
    }

    [Fact]
    public void A_423_sends_the_subscribe_again_with_min_expires_in_the_same_call()
    {
        var (started, sent) = Start();

        var (next, again) = started.Responded(Response(started, sent, 423, minExpires: 1200), Options, Now);

        Assert.NotNull(again);
        Assert.Equal((sent.CallId, 2u, "1200"), (again.CallId, again.CSeq, Header(again, "Expires")));
        Assert.Equal((BackendPhase.Subscribing, 2u), (next.Phase, next.InFlight));
    }

    [Fact]
    public void A_failed_subscribe_is_terminated_with_a_reason_and_tried_again_later_in_a_new_dialog()
    {
        var (started, sent) = Start();

        var (failed, _) = started.Responded(Response(started, sent, 404), Options, Now);
        var (retried, again) = failed.Due(Options, Now.AddSeconds(30));

        Assert.Equal((BackendPhase.Terminated, RlmiInstanceState.Terminated, "noresource"), (failed.Phase, failed.Instance, failed.Reason));
        Assert.Equal(Now.AddSeconds(30), failed.DueAt);
        Assert.NotNull(again);
        Assert.Equal($"<{Dave}>", again.To);
        Assert.NotEqual(sent.CallId, again.CallId);
        Assert.NotEqual(started.LocalTag, retried.LocalTag);
        Assert.Equal((BackendPhase.Subscribing, 1), (retried.Phase, retried.Attempt));
    }

    [Fact]
    public void Retry_after_of_a_503_is_honoured_and_the_backoff_doubles_until_the_retries_run_out()
    {
        var (started, sent) = Start();
        var (first, _) = started.Responded(Response(started, sent, 503, retryAfter: 120), Options, Now);
        Assert.Equal(("probation", Now.AddSeconds(120)), (first.Reason, first.DueAt));

        var current = first;
        var waits = new List<TimeSpan?>();
        for (var i = 0; i < 3; i++)
        {
            var at = current.DueAt!.Value;
            var (retried, request) = current.Due(Options, at);
            (current, _) = retried.Responded(Response(retried, request!, 500), Options, at);
            waits.Add(current.DueAt - at);
        }

        Assert.Equal([TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), null], waits); // the third failure in a row was the last
    }

    [Fact]
    public void No_answer_counts_as_408()
    {
        var (started, _) = Start();

        var (early, none) = started.Due(Options, Now.AddSeconds(10));
        var (next, _) = started.Due(Options, Now.AddSeconds(40));

        Assert.Same(started, early);
        Assert.Null(none);
        Assert.Equal((BackendPhase.Terminated, "probation"), (next.Phase, next.Reason));
    }

    [Fact]
    public void A_notify_active_carries_the_pidf_and_a_notify_before_the_2xx_forms_the_dialog()
    {
        var (started, sent) = Start();

        var (notified, status, _) = started.Notified(Notify(started, 1, "active;expires=600", DavePidf), Options, Now);
        var (next, _) = notified.Responded(Response(notified, sent, 200, expires: 600) with { ToTag = "peer-tag" }, Options, Now);

        Assert.Equal(200, status);
        Assert.Equal((RlmiInstanceState.Active, "peer-tag", 1u), (notified.Instance, notified.Dialog.RemoteTag, notified.Dialog.RemoteCSeq));
        Assert.Equal(DavePidf, notified.Document);
        Assert.Equal(BackendPhase.Subscribing, notified.Phase); // the 2xx sets the expiry
        Assert.Equal((BackendPhase.Established, RlmiInstanceState.Active, Now.AddSeconds(600)), (next.Phase, next.Instance, next.ExpiresAt));
    }

    [Fact]
    public void A_notify_pending_keeps_the_instance_pending()
    {
        var established = Established();

        var (next, status, _) = established.Notified(Notify(established, 1, "pending;expires=600"), Options, Now);

        Assert.Equal((200, RlmiInstanceState.Pending), (status, next.Instance));
    }

    [Theory]
    [InlineData("another-tag", 1u, "active", 481)]
    [InlineData("peer-tag", 1u, null, 400)]
    [InlineData("peer-tag", 1u, "active;expires=x", 400)]
    public void A_notify_of_another_dialog_is_481_and_one_without_a_valid_subscription_state_400(string fromTag, uint cseq, string? state, int expected)
    {
        var established = Established();

        var (next, status, _) = established.Notified(Notify(established, cseq, state, fromTag: fromTag), Options, Now);

        Assert.Equal(expected, status);
        Assert.Same(established, next);
    }

    [Fact]
    public void A_notify_out_of_order_is_500_and_one_to_another_tag_481()
    {
        var (notified, _, _) = Established().Notified(Notify(Established(), 5, "active"), Options, Now);

        var (_, older, _) = notified.Notified(Notify(notified, 5, "active"), Options, Now);
        var (_, stranger, _) = notified.Notified(Notify(notified, 6, "active") with { ToTag = ListId + "~k9-0" }, Options, Now);

        Assert.Equal((500, 481), (older, stranger));
    }

    [Fact]
    public void A_body_that_is_no_pidf_is_refused_with_400_and_changes_nothing()
    {
        var established = Established();

        var (next, status, _) = established.Notified(Notify(established, 1, "active", Encoding.UTF8.GetBytes("<presence>")), Options, Now);
        var (other, ignored, _) = established.Notified(Notify(established, 1, "active", [1, 2], contentType: "text/plain"), Options, Now);

        Assert.Equal(400, status);
        Assert.Same(established, next);
        Assert.Equal((200, RlmiInstanceState.Active), (ignored, other.Instance));
        Assert.Null(other.Document); // only a PIDF is taken
    }

    [Fact]
    public void A_notify_with_a_shorter_expiry_moves_the_refresh_earlier()
    {
        var established = Established();

        var (next, _, _) = established.Notified(Notify(established, 1, "active;expires=100", DavePidf), Options, Now);

        Assert.Equal((Now.AddSeconds(100), Now.AddSeconds(80)), (next.ExpiresAt, next.DueAt));
    }

    [Theory]
    [InlineData("terminated;reason=rejected", "rejected", null)]
    [InlineData("terminated;reason=noresource", "noresource", null)]
    [InlineData("terminated;reason=deactivated", "deactivated", 5)]
    [InlineData("terminated;reason=timeout", "timeout", 5)]
    [InlineData("terminated;reason=probation;retry-after=90", "probation", 90)]
    [InlineData("terminated", null, 30)]
    public void A_notify_terminated_ends_the_instance_with_its_reason_and_retries_as_the_reason_allows(string state, string? reason, int? retryIn)
    {
        var established = Established();

        var (next, status, _) = established.Notified(Notify(established, 1, state), Options, Now);

        Assert.Equal(200, status);
        Assert.Equal((BackendPhase.Terminated, RlmiInstanceState.Terminated, reason), (next.Phase, next.Instance, next.Reason));
        Assert.Equal(retryIn is { } s ? Now.AddSeconds(s) : null, next.DueAt);
        var (_, after, _) = next.Notified(Notify(next, 2, "active"), Options, Now);
        Assert.Equal(481, after); // RFC 6665 section 4.1.3: no longer a subscription
    }

    [Fact]
    public void The_refresh_goes_in_the_dialog_and_its_2xx_moves_the_expiry()
    {
        var established = Established();

        var (refreshing, refresh) = established.Due(Options, Now.AddSeconds(480));
        var (next, _) = refreshing.Responded(Response(refreshing, refresh!, 200, expires: 300), Options, Now.AddSeconds(481));

        Assert.NotNull(refresh);
        Assert.Equal(("<sip:dave@peer.test>;tag=peer-tag", "sip:presence@192.0.2.7:5070", 2u), (refresh.To, refresh.RequestUri, refresh.CSeq));
        Assert.Equal(["<sip:p1.peer.test;lr>", "<sip:p2.peer.test;lr>"], refresh.Routes);
        Assert.Equal(BackendPhase.Refreshing, refreshing.Phase);
        Assert.Equal((BackendPhase.Established, Now.AddSeconds(781)), (next.Phase, next.ExpiresAt));
    }

    [Fact]
    public void A_refresh_answered_481_ends_the_subscription_and_another_failure_keeps_it_until_it_expires()
    {
        var established = Established();
        var (refreshing, refresh) = established.Due(Options, Now.AddSeconds(480));

        var (gone, _) = refreshing.Responded(Response(refreshing, refresh!, 481), Options, Now.AddSeconds(481));
        var (kept, _) = refreshing.Responded(Response(refreshing, refresh!, 500), Options, Now.AddSeconds(481));
        var (expired, none) = kept with { DueAt = Now.AddSeconds(600) } is var k ? k.Due(Options, Now.AddSeconds(600)) : default;

        Assert.Equal((BackendPhase.Terminated, "deactivated"), (gone.Phase, gone.Reason));
        Assert.Equal((BackendPhase.Established, Now.AddSeconds(486)), (kept.Phase, kept.DueAt));
        Assert.Null(none);
        Assert.Equal((BackendPhase.Terminated, "timeout", Now.AddSeconds(605)), (expired.Phase, expired.Reason, expired.DueAt));
    }

    [Fact]
    public void A_stale_response_changes_nothing()
    {
        var (started, sent) = Start();

        var (next, send) = started.Responded(Response(started, sent, 200) with { CSeq = 7 }, Options, Now);

        Assert.Same(started, next);
        Assert.Null(send);
    }

    [Fact]
    public void End_unsubscribes_in_the_dialog_and_the_answer_ends_it()
    {
        var established = Established();

        var (ending, unsubscribe) = established.End(Now);
        var (notified, status, _) = ending.Notified(Notify(ending, 1, "terminated;reason=timeout"), Options, Now);
        var (ended, _) = ending.Responded(Response(ending, unsubscribe!, 200, expires: 0), Options, Now);

        Assert.NotNull(unsubscribe);
        Assert.Equal(("0", "<sip:dave@peer.test>;tag=peer-tag"), (Header(unsubscribe, "Expires"), unsubscribe.To));
        Assert.Equal((BackendPhase.Unsubscribing, 200, BackendPhase.Unsubscribing), (ending.Phase, status, notified.Phase));
        Assert.Equal(BackendPhase.Ended, ended.Phase);
    }

    [Fact]
    public void End_before_the_2xx_waits_for_it_then_unsubscribes_and_a_failure_just_ends_it()
    {
        var (started, sent) = Start();

        var (ending, none) = started.End(Now);
        var (unsubscribing, unsubscribe) = ending.Responded(Response(ending, sent, 200, expires: 600), Options, Now);
        var (ended, _) = ending.Responded(Response(ending, sent, 403), Options, Now);

        Assert.Null(none);
        Assert.Equal(BackendPhase.Ending, ending.Phase);
        Assert.Equal(("0", 2u), (Header(unsubscribe!, "Expires"), unsubscribe!.CSeq));
        Assert.Equal(BackendPhase.Unsubscribing, unsubscribing.Phase);
        Assert.Equal(BackendPhase.Ended, ended.Phase);
    }

    [Fact]
    public void End_of_a_terminated_one_sends_nothing()
    {
        var (started, sent) = Start();
        var (failed, _) = started.Responded(Response(started, sent, 500), Options, Now);

        var (ended, send) = failed.End(Now);

        Assert.Null(send);
        Assert.Equal((BackendPhase.Ended, null), (ended.Phase, ended.DueAt));
    }
}
