using SimpleActors.Engine.Subscription;
using static SimpleActors.Engine.Tests.Entities.Samples;
using static SimpleActors.Engine.Tests.Subscription.SubscriptionSamples;
using SipState = SimpleActors.Sip.Message.SubscriptionState;
using SubscriptionState = SimpleActors.Engine.Subscription.SubscriptionState;

namespace SimpleActors.Engine.Tests.Subscription;

/// <summary>RFC 6665 and RFC 3856 at the pure layer: what a SUBSCRIBE, an expiry and a NOTIFY's outcome do, and the NOTIFY on the wire.</summary>
public class SubscriptionDecisionTests
{
    private static readonly SubscriptionOptions Options = new() { DefaultExpires = 3600, MinExpires = 60, MaxExpires = 7200 };

    private static (SubscriptionState State, SubscribeResult Reply, IReadOnlyList<ISubscriptionEvent> Events) Run(
        SubscriptionState state, Subscribe command, DateTimeOffset? now = null, SubscriptionOptions? options = null)
    {
        var (events, reply) = SubscriptionDecision.Subscribe(state, command, now ?? Now, options ?? Options);
        return (events.Aggregate(state, (s, e) => s.Apply(e)), reply, events);
    }

    private static SubscriptionState Created(int expires = 600, uint cseq = 1, SubscriptionPolicy policy = SubscriptionPolicy.AllowOwnDomain, string watcher = Watcher)
    {
        var (state, reply, _) = Run(SubscriptionState.None(Id), Initial(expires, cseq, watcher), options: new SubscriptionOptions { Policy = policy });
        Assert.True(reply.IsSuccess);
        return state;
    }

    private static SubscriptionState Terminated(SubscriptionState state, string reason = SubscriptionDecision.Timeout) =>
        state.Apply(new SubscriptionTerminated(state.SubscriptionId, reason, true, Now));

    [Fact]
    public void An_initial_subscribe_creates_the_dialog_and_the_subscription_with_the_default_expiry()
    {
        var (state, reply, events) = Run(SubscriptionState.None(Id), Initial(null, cseq: 5));

        Assert.IsType<SubscriptionCreated>(Assert.Single(events));
        Assert.Equal((200, 3600), (reply.StatusCode, reply.Expires));
        Assert.Null(reply.MinExpires);
        Assert.Equal(
            (Id, Aor, EventId, Watcher, WatcherTag, CallId, RemoteTarget),
            (state.SubscriptionId, state.Presentity, state.EventId, state.Watcher, state.Dialog!.RemoteTag, state.Dialog.CallId, state.Dialog.RemoteTarget));
        Assert.Equal(RouteSet, state.Dialog.RouteSet.ToArray());
        Assert.Equal(UdpFlow, state.Dialog.Flow);
        Assert.Equal((5u, 0u), (state.Dialog.RemoteCSeq, state.LocalCSeq));
        Assert.Equal(Now.AddSeconds(3600), state.ExpiresAt);
        Assert.Equal(SubscriptionStatus.Active, state.Status);
        Assert.True(state.IsLive);
        Assert.Equal(Now.AddSeconds(3600), state.NextExpiry);
    }

    [Fact]
    public void A_longer_expires_is_cut_to_the_maximum()
    {
        var (state, reply, _) = Run(SubscriptionState.None(Id), Initial(100_000));

        Assert.Equal((200, 7200), (reply.StatusCode, reply.Expires));
        Assert.Equal(Now.AddSeconds(7200), state.ExpiresAt);
    }

    [Fact]
    public void An_expires_at_the_minimum_is_granted_as_asked()
    {
        var (state, reply, _) = Run(SubscriptionState.None(Id), Initial(60));

        Assert.Equal((200, 60), (reply.StatusCode, reply.Expires));
        Assert.Equal(Now.AddSeconds(60), state.ExpiresAt);
    }

    [Fact]
    public void A_non_zero_expires_under_the_minimum_gets_423_with_min_expires_and_creates_nothing()
    {
        var (state, reply, events) = Run(SubscriptionState.None(Id), Initial(59));

        Assert.Equal((423, 60), (reply.StatusCode, reply.MinExpires));
        Assert.False(reply.IsSuccess);
        Assert.Empty(events);
        Assert.False(state.Exists);
    }

    [Fact]
    public void A_refresh_under_the_minimum_gets_423_and_leaves_the_expiry()
    {
        var created = Created(600);

        var (state, reply, events) = Run(created, InDialog(30, 2));

        Assert.Equal((423, 60), (reply.StatusCode, reply.MinExpires));
        Assert.Empty(events);
        Assert.Equal(created, state);
    }

    [Theory]
    [InlineData(SubscriptionPolicy.AllowOwnDomain, "sip:bob@example.com", SubscriptionStatus.Active, 200)]
    [InlineData(SubscriptionPolicy.AllowOwnDomain, "sip:bob@EXAMPLE.com", SubscriptionStatus.Active, 200)]
    [InlineData(SubscriptionPolicy.AllowOwnDomain, "sip:carol@example.net", SubscriptionStatus.Pending, 202)]
    [InlineData(SubscriptionPolicy.AllowOwnDomain, "sip:dave@sub.example.com", SubscriptionStatus.Pending, 202)]
    [InlineData(SubscriptionPolicy.AllowAll, "sip:carol@example.net", SubscriptionStatus.Active, 200)]
    [InlineData(SubscriptionPolicy.Pending, "sip:bob@example.com", SubscriptionStatus.Pending, 202)]
    [InlineData(SubscriptionPolicy.Pending, "sip:carol@example.net", SubscriptionStatus.Pending, 202)]
    [InlineData(SubscriptionPolicy.Pending, "sip:alice@example.com", SubscriptionStatus.Active, 200)]
    [InlineData(SubscriptionPolicy.Pending, "sip:alice@example.com;transport=tcp", SubscriptionStatus.Active, 200)]
    public void The_policy_decides_the_status_and_a_pending_watcher_gets_202(
        SubscriptionPolicy policy, string watcher, SubscriptionStatus expected, int statusCode)
    {
        var options = new SubscriptionOptions { Policy = policy };

        var (state, reply, _) = Run(SubscriptionState.None(Id), Initial(600, watcher: watcher), options: options);

        Assert.Equal(expected, SubscriptionDecision.Authorize(Aor, watcher, policy));
        Assert.Equal(expected, state.Status);
        Assert.Equal((statusCode, 600), (reply.StatusCode, reply.Expires));
        Assert.True(state.IsLive);
    }

    [Fact]
    public void A_refresh_of_a_pending_subscription_is_answered_202()
    {
        var pending = Created(600, policy: SubscriptionPolicy.Pending);

        var (state, reply, _) = Run(pending, InDialog(600, 2));

        Assert.Equal(202, reply.StatusCode);
        Assert.Equal(SubscriptionStatus.Pending, state.Status);
    }

    [Fact]
    public void A_refresh_extends_the_expiry_from_now_and_takes_the_new_cseq_and_flow()
    {
        var created = Created(600);
        var later = Now.AddSeconds(500);

        var (state, reply, events) = Run(created, InDialog(900, 2) with { Flow = TcpFlow }, later);

        var refreshed = Assert.IsType<SubscriptionRefreshed>(Assert.Single(events));
        Assert.Equal((2u, later.AddSeconds(900)), (refreshed.CSeq, refreshed.ExpiresAt));
        Assert.Equal((200, 900), (reply.StatusCode, reply.Expires));
        Assert.Equal(later.AddSeconds(900), state.ExpiresAt);
        Assert.Equal((2u, TcpFlow), (state.Dialog!.RemoteCSeq, state.Dialog.Flow));
        Assert.Equal(SubscriptionStatus.Active, state.Status);
    }

    [Fact]
    public void A_refresh_without_expires_gets_the_default()
    {
        var (state, reply, _) = Run(Created(600), InDialog(null, 2));

        Assert.Equal(3600, reply.Expires);
        Assert.Equal(Now.AddSeconds(3600), state.ExpiresAt);
    }

    [Fact]
    public void Expires_0_in_the_dialog_sets_the_expiry_to_now_and_the_subscription_is_then_due_to_end()
    {
        var later = Now.AddSeconds(10);

        var (state, reply, _) = Run(Created(600), InDialog(0, 2), later);

        Assert.Equal((200, 0), (reply.StatusCode, reply.Expires));
        Assert.Equal(later, state.ExpiresAt);
        Assert.True(state.IsLive);
        var ended = Assert.IsType<SubscriptionTerminated>(Assert.Single(SubscriptionDecision.Expire(state, later)));
        Assert.Equal((SubscriptionDecision.Timeout, true), (ended.Reason, ended.Notify));
    }

    [Fact]
    public void A_subscribe_in_a_dialog_with_another_call_id_gets_481()
    {
        var created = Created(600);

        var (state, reply, events) = Run(created, InDialog(600, 2) with { CallId = "other-call" });

        Assert.Equal(481, reply.StatusCode);
        Assert.Empty(events);
        Assert.Equal(created, state);
    }

    [Fact]
    public void A_subscribe_in_a_dialog_with_another_from_tag_gets_481()
    {
        var (_, reply, events) = Run(Created(600), InDialog(600, 2) with { WatcherTag = "mallory-tag" });

        Assert.Equal(481, reply.StatusCode);
        Assert.Empty(events);
    }

    [Fact]
    public void A_subscribe_in_a_dialog_the_server_does_not_know_gets_481()
    {
        var (state, reply, events) = Run(SubscriptionState.None(Id), InDialog(600, 2));

        Assert.Equal(481, reply.StatusCode);
        Assert.Empty(events);
        Assert.False(state.Exists);
    }

    [Fact]
    public void A_subscribe_in_a_terminated_dialog_gets_481()
    {
        var (_, reply, events) = Run(Terminated(Created(600)), InDialog(600, 2));

        Assert.Equal(481, reply.StatusCode);
        Assert.Empty(events);
    }

    [Theory]
    [InlineData(5u)]
    [InlineData(4u)]
    [InlineData(0u)]
    public void A_subscribe_in_the_dialog_with_a_cseq_not_above_the_last_gets_500(uint cseq)
    {
        var created = Created(600, cseq: 5);

        var (state, reply, events) = Run(created, InDialog(600, cseq));

        Assert.Equal(500, reply.StatusCode);
        Assert.Empty(events);
        Assert.Equal(created, state);
    }

    [Fact]
    public void The_cseq_check_uses_the_last_refresh_not_the_initial_subscribe()
    {
        var (refreshed, _, _) = Run(Created(600, cseq: 1), InDialog(600, 7));

        Assert.Equal(500, Run(refreshed, InDialog(600, 7)).Reply.StatusCode);
        Assert.Equal(200, Run(refreshed, InDialog(600, 8)).Reply.StatusCode);
    }

    [Fact]
    public void An_initial_subscribe_for_an_id_in_use_gets_500()
    {
        var created = Created(600);

        var (state, reply, events) = Run(created, Initial(600) with { CallId = "another-call" });

        Assert.Equal(500, reply.StatusCode);
        Assert.Empty(events);
        Assert.Equal(created, state);
    }

    [Fact]
    public void An_initial_subscribe_for_the_id_of_an_ended_subscription_gets_500()
    {
        var (_, reply, events) = Run(Terminated(Created(600)), Initial(600));

        Assert.Equal(500, reply.StatusCode);
        Assert.Empty(events);
    }

    [Fact]
    public void Expire_does_nothing_before_the_expiry()
    {
        var state = Created(600);

        Assert.Empty(SubscriptionDecision.Expire(state, Now.AddSeconds(599)));
        Assert.Empty(SubscriptionDecision.Expire(state, state.ExpiresAt.AddTicks(-1)));
    }

    [Fact]
    public void Expire_at_and_after_the_expiry_ends_the_subscription_with_a_final_notify_for_timeout()
    {
        var state = Created(600);

        foreach (var now in new[] { state.ExpiresAt, state.ExpiresAt.AddMinutes(5) })
        {
            var ended = Assert.IsType<SubscriptionTerminated>(Assert.Single(SubscriptionDecision.Expire(state, now)));
            Assert.Equal((Id, "timeout", true, now), (ended.SubscriptionId, ended.Reason, ended.Notify, ended.At));
        }
    }

    [Fact]
    public void Expire_does_nothing_for_an_ended_or_unknown_subscription()
    {
        var later = Now.AddDays(2);

        Assert.Empty(SubscriptionDecision.Expire(Terminated(Created(600)), later));
        Assert.Empty(SubscriptionDecision.Expire(SubscriptionState.None(Id), later));
    }

    [Theory]
    [InlineData(481, "notify-481")]
    [InlineData(408, "notify-timeout")]
    [InlineData(503, "notify-unreachable")]
    public void A_notify_answered_481_or_timing_out_or_unreachable_ends_the_subscription_without_another_notify(int status, string reason)
    {
        var state = Created(600);

        var ended = Assert.IsType<SubscriptionTerminated>(Assert.Single(SubscriptionDecision.NotifyAnswered(state, status, Now)));

        Assert.Equal((Id, reason, false), (ended.SubscriptionId, ended.Reason, ended.Notify));
        var after = state.Apply(ended);
        Assert.False(after.IsLive);
        Assert.Equal(reason, after.Reason);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(202)]
    [InlineData(400)]
    [InlineData(486)]
    [InlineData(500)]
    [InlineData(603)]
    public void Other_notify_outcomes_leave_the_subscription(int status)
    {
        Assert.Empty(SubscriptionDecision.NotifyAnswered(Created(600), status, Now));
    }

    [Fact]
    public void The_outcome_of_a_notify_after_the_end_changes_nothing()
    {
        Assert.Empty(SubscriptionDecision.NotifyAnswered(Terminated(Created(600)), 481, Now));
        Assert.Empty(SubscriptionDecision.NotifyAnswered(SubscriptionState.None(Id), 408, Now));
    }

    [Fact]
    public void A_notify_issued_raises_the_local_cseq_and_the_notified_version_never_goes_back()
    {
        var state = Created(600)
            .Apply(new NotifyIssued(Id, 1, 4, SubscriptionStatus.Active, Now))
            .Apply(new NotifyIssued(Id, 2, 3, SubscriptionStatus.Active, Now));

        Assert.Equal((2u, 4L), (state.LocalCSeq, state.NotifiedVersion));
        Assert.Equal(1u, state.Dialog!.RemoteCSeq);
        Assert.True(state.IsLive);
    }

    [Fact]
    public void Terminated_sets_the_status_and_reason_and_the_entity_holds_nothing_live()
    {
        var state = Created(600).Apply(new SubscriptionTerminated(Id, "notify-481", false, Now));

        Assert.Equal((SubscriptionStatus.Terminated, "notify-481"), (state.Status, state.Reason));
        Assert.True(state.Exists);
        Assert.False(state.IsLive);
        Assert.True(state.IsEmpty);
        Assert.Null(state.NextExpiry);
    }

    [Fact]
    public void Refreshed_changes_the_remote_cseq_expiry_and_flow_only()
    {
        var created = Created(600).Apply(new NotifyIssued(Id, 1, 1, SubscriptionStatus.Active, Now));

        var state = created.Apply(new SubscriptionRefreshed(Id, 9, Now.AddHours(2), TcpFlow, "bob", Now));

        Assert.Equal(created with { Dialog = created.Dialog! with { RemoteCSeq = 9, Flow = TcpFlow }, ExpiresAt = Now.AddHours(2) }, state);
    }

    [Fact]
    public void A_refresh_with_a_new_contact_moves_the_remote_target_of_the_next_notify()
    {
        var created = Created(600);

        var (state, reply, events) = Run(created, InDialog(600, 2) with { RemoteTarget = "sip:bob@192.0.2.99:5090" });
        var notify = Parse(NotifyRequest.Build(state, 1, SubscriptionStatus.Active, null, 600, null, null));

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal("sip:bob@192.0.2.99:5090", Assert.IsType<SubscriptionRefreshed>(Assert.Single(events)).RemoteTarget);
        Assert.Equal("sip:bob@192.0.2.99:5090", notify.RequestUriText);
    }

    [Fact]
    public void A_refresh_with_the_same_contact_records_no_target()
    {
        var created = Created(600);

        var (_, _, events) = Run(created, InDialog(600, 2) with { RemoteTarget = created.Dialog!.RemoteTarget });

        Assert.Null(Assert.IsType<SubscriptionRefreshed>(Assert.Single(events)).RemoteTarget);
    }

    [Fact]
    public void A_new_subscription_holds_nothing()
    {
        var none = SubscriptionState.None(Id);

        Assert.False(none.Exists);
        Assert.False(none.IsLive);
        Assert.True(none.IsEmpty);
        Assert.Null(none.NextExpiry);
    }

    [Fact]
    public void Applying_an_unknown_event_throws()
    {
        Assert.Throws<ArgumentException>(() => Created(600).Apply(new StrangeEvent(Id, Now)));
    }

    [Fact]
    public void The_notify_goes_to_the_remote_target_through_the_route_set_in_the_dialog_of_the_subscription()
    {
        var state = Created(600);
        var body = Document("at lunch");

        var notify = Parse(NotifyRequest.Build(state, 3, SubscriptionStatus.Active, null, 540, "application/pidf+xml", body));

        Assert.Equal("NOTIFY", notify.Method);
        Assert.Equal(RemoteTarget, notify.RequestUriText);
        Assert.Equal(["sip:p1.example.com;lr", "sip:p2.example.net:5070;lr"], notify.Routes.Select(r => r.Uri.ToString()));
        Assert.Equal((Aor, Id), (notify.From!.Uri.ToString(), notify.From.Tag));
        Assert.Equal((Watcher, WatcherTag), (notify.To!.Uri.ToString(), notify.To.Tag));
        Assert.Equal(CallId, notify.CallId);
        Assert.Equal((3u, "NOTIFY"), (notify.CSeq!.Number, notify.CSeq.Method));
        Assert.Equal(70, notify.MaxForwards);
        Assert.Equal(("presence", EventId), (notify.Event!.EventType, notify.Event.Id));
        Assert.Equal((SipState.Active, 540), (notify.SubscriptionState!.State, notify.SubscriptionState.Expires));
        Assert.Equal("application/pidf+xml", notify.Headers.GetFirstValue("Content-Type"));
        Assert.Equal(body.Length, notify.DeclaredContentLength);
        Assert.Equal(body, notify.Body.ToArray());
    }

    [Fact]
    public void A_pending_notify_without_body_has_no_content_type_and_content_length_0()
    {
        var state = Created(600, policy: SubscriptionPolicy.Pending);
        var bytes = Bytes(NotifyRequest.Build(state, 1, SubscriptionStatus.Pending, null, 600, null, null));

        var notify = Parse(bytes);

        Assert.Equal((SipState.Pending, 600), (notify.SubscriptionState!.State, notify.SubscriptionState.Expires));
        Assert.Null(notify.Headers.GetFirstValue("Content-Type"));
        Assert.Equal(0, notify.DeclaredContentLength);
        Assert.True(notify.Body.IsEmpty);
        Assert.EndsWith("Content-Length: 0\r\n\r\n", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Content_length_counts_the_bytes_of_a_body_with_multibyte_characters()
    {
        var body = Document("Zürich, café ☕");

        var notify = Parse(NotifyRequest.Build(Created(600), 1, SubscriptionStatus.Active, null, 600, "application/pidf+xml", body));

        Assert.Equal(body.Length, notify.DeclaredContentLength);
        Assert.Equal(body, notify.Body.ToArray());
    }

    [Fact]
    public void A_dialog_without_proxies_or_event_id_gives_a_notify_without_route_or_id()
    {
        var state = Created(600) with { Dialog = Created(600).Dialog! with { RouteSet = [] }, EventId = null };

        var notify = Parse(NotifyRequest.Build(state, 1, SubscriptionStatus.Active, null, 600, null, null));

        Assert.Empty(notify.Routes);
        Assert.Equal("presence", notify.Event!.EventType);
        Assert.Null(notify.Event.Id);
    }

    [Theory]
    [InlineData("timeout", "timeout")]
    [InlineData(null, "timeout")]
    [InlineData("notify-481", "timeout")]
    [InlineData("notify-timeout", "timeout")]
    [InlineData("rejected", "rejected")]
    [InlineData("noresource", "noresource")]
    public void A_final_notify_says_terminated_with_an_rfc_reason(string? reason, string onTheWire)
    {
        var notify = Parse(NotifyRequest.Build(Terminated(Created(600)), 4, SubscriptionStatus.Terminated, reason, 0, null, null));

        Assert.Equal((SipState.Terminated, onTheWire), (notify.SubscriptionState!.State, notify.SubscriptionState.Reason));
        Assert.Null(notify.SubscriptionState.Expires);
        Assert.Equal("terminated;reason=" + onTheWire, notify.Headers.GetFirstValue("Subscription-State"));
    }

    [Theory]
    [InlineData(SubscriptionStatus.Active, 3599, "active;expires=3599")]
    [InlineData(SubscriptionStatus.Pending, 12, "pending;expires=12")]
    [InlineData(SubscriptionStatus.Active, 0, "active;expires=0")]
    public void The_subscription_state_value_carries_the_seconds_left(SubscriptionStatus status, int expiresIn, string value)
    {
        Assert.Equal(value, NotifyRequest.SubscriptionStateValue(status, null, expiresIn));
    }

    private sealed record StrangeEvent(string SubscriptionId, DateTimeOffset At) : ISubscriptionEvent;

    [Fact]
    public void Every_notify_is_journaled_with_its_digest_and_only_one_inside_the_reserved_cseqs_leaves_before_its_record_is_written()
    {
        var live = Created();
        Assert.Equal(SubscriptionDecision.CSeqBlock, live.CSeqReserved);
        var digest = NotifyDigest.Of("<presence/>"u8.ToArray());

        var inside = SubscriptionDecision.NotifyEvents(live, 5, 1, SubscriptionStatus.Active, null, digest, Now);
        var past = SubscriptionDecision.NotifyEvents(live, SubscriptionDecision.CSeqBlock + 1, 1, SubscriptionStatus.Active, null, digest, Now);
        var finalInside = SubscriptionDecision.NotifyEvents(live, 6, 1, SubscriptionStatus.Terminated, "timeout", null, Now);
        var finalPast = SubscriptionDecision.NotifyEvents(live, SubscriptionDecision.CSeqBlock + 1, 1, SubscriptionStatus.Terminated, "timeout", null, Now);
        var winfo = SubscriptionDecision.NotifyEvents(live with { Package = EventPackages.WatcherInfo, CSeqReserved = 0 }, 2, 1, SubscriptionStatus.Active, null, digest, Now);

        var notified = Assert.IsType<NotifyIssued>(Assert.Single(inside.Events));
        Assert.Equal((5u, 1L, digest, 0u), (notified.CSeq, notified.Version, notified.BodyDigest, notified.ReservedUpTo));
        Assert.False(inside.BeforeSending);
        Assert.Equal(2 * SubscriptionDecision.CSeqBlock, Assert.IsType<NotifyIssued>(Assert.Single(past.Events)).ReservedUpTo);
        Assert.True(past.BeforeSending);
        Assert.Equal([typeof(NotifyIssued), typeof(SubscriptionTerminated)], finalInside.Events.Select(e => e.GetType()));
        Assert.Equal("timeout", Assert.IsType<SubscriptionTerminated>(finalInside.Events[1]).Reason);
        Assert.Null(Assert.IsType<NotifyIssued>(finalInside.Events[0]).BodyDigest);
        Assert.True(finalInside.BeforeSending);
        Assert.Equal([typeof(NotifyIssued), typeof(SubscriptionTerminated)], finalPast.Events.Select(e => e.GetType()));
        Assert.Equal(2u, Assert.IsType<NotifyIssued>(Assert.Single(winfo.Events)).CSeq);
        Assert.True(winfo.BeforeSending);
    }

    [Fact]
    public void A_notify_digest_is_the_first_16_hex_digits_of_the_bodys_sha256_and_absent_without_a_body()
    {
        // SHA-256("abc") = ba7816bf8f01cfea 414140de5dae2223 b00361a396177a9c b410ff61f20015ad (FIPS 180-2 appendix B.1).
        Assert.Equal("ba7816bf8f01cfea", NotifyDigest.Of("abc"u8.ToArray()));
        Assert.Null(NotifyDigest.Of(null));
    }

    [Fact]
    public void A_repeat_of_an_applied_subscribe_gets_the_same_answer_and_changes_nothing()
    {
        var state = Created(600, cseq: 3);

        var (_, initialAgain, initialEvents) = Run(state, Initial(600, cseq: 3) with { Repeat = true }, Now.AddSeconds(10));
        var (refreshed, _, _) = Run(state, InDialog(600, 4));
        var (_, refreshAgain, refreshEvents) = Run(refreshed, InDialog(600, 4) with { Repeat = true });
        var (_, unmarked, _) = Run(refreshed, InDialog(600, 4));

        Assert.Equal((200, 590), (initialAgain.StatusCode, initialAgain.Expires));
        Assert.Empty(initialEvents);
        Assert.Equal((200, 600), (refreshAgain.StatusCode, refreshAgain.Expires));
        Assert.Empty(refreshEvents);
        Assert.Equal(500, unmarked.StatusCode); // a client's own second request with that CSeq (RFC 3261 section 12.2.2)
    }

    [Fact]
    public void A_repeat_of_an_applied_unsubscribe_gets_200_with_expires_0()
    {
        var (ended, first, _) = Run(Created(600, cseq: 3), InDialog(0, 4));
        var terminated = Terminated(ended);

        var (_, again, events) = Run(terminated, InDialog(0, 4) with { Repeat = true });

        Assert.Equal(200, first.StatusCode);
        Assert.Equal((200, 0), (again.StatusCode, again.Expires));
        Assert.Empty(events);
    }
}
