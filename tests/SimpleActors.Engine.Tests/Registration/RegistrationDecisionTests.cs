using SimpleActors.Engine.Registration;
using static SimpleActors.Engine.Tests.Entities.Samples;

namespace SimpleActors.Engine.Tests.Registration;

public class RegistrationDecisionTests
{
    private static readonly RegistrarOptions Options = new() { DefaultExpires = 3600, MinExpires = 60, MaxExpires = 86400 };

    private static (IReadOnlyList<IRegistrationEvent> Events, RegisterResult Reply) Decide(RegistrationState state, Register command, DateTimeOffset? now = null) =>
        RegistrationDecision.Decide(state, command, now ?? Now, Options);

    private static RegistrationState Registered(params Register[] commands)
    {
        var state = RegistrationState.Empty(Aor);
        foreach (var command in commands)
        {
            var (events, reply) = Decide(state, command, command.At);
            Assert.Equal(200, reply.StatusCode);
            state = events.Aggregate(state, (s, e) => s.Apply(e));
        }

        return state;
    }

    [Fact]
    public void A_new_contact_is_bound_with_the_default_expiry_and_the_request_details()
    {
        var command = Register("call-1", 1, Contact("sip:alice@192.0.2.10:5062")) with { Path = ["<sip:edge.example.com;lr>"] };

        var (events, reply) = Decide(RegistrationState.Empty(Aor), command);

        var added = Assert.IsType<BindingAdded>(Assert.Single(events));
        Assert.Equal("alice", added.Identity);
        Assert.Equal(Now, added.At);
        Assert.Equal(Now.AddSeconds(3600), added.Binding.ExpiresAt);
        Assert.Equal("call-1", added.Binding.CallId);
        Assert.Equal(1u, added.Binding.CSeq);
        Assert.Equal(UdpFlow, added.Binding.Flow);
        Assert.Equal(["<sip:edge.example.com;lr>"], added.Binding.Path);
        Assert.Equal(200, reply.StatusCode);
        Assert.Equal(3600, Assert.Single(reply.Bindings).ExpiresIn(reply.At));
    }

    [Fact]
    public void The_contact_expires_parameter_wins_over_the_Expires_header()
    {
        var command = Register("call-1", 1, Contact("sip:a@192.0.2.10", expires: 120), Contact("sip:b@192.0.2.10")) with { HeaderExpires = 300 };

        var (_, reply) = Decide(RegistrationState.Empty(Aor), command);

        Assert.Equal([120, 300], reply.Bindings.Select(b => b.ExpiresIn(reply.At)));
    }

    [Fact]
    public void An_expiry_above_the_maximum_is_capped()
    {
        var (_, reply) = Decide(RegistrationState.Empty(Aor), Register("call-1", 1, Contact("sip:a@192.0.2.10", expires: 1_000_000)));

        Assert.Equal(86400, Assert.Single(reply.Bindings).ExpiresIn(reply.At));
    }

    [Fact]
    public void An_expiry_below_the_minimum_fails_the_whole_request_with_423_and_Min_Expires()
    {
        var state = Registered(Register("call-1", 1, Contact("sip:a@192.0.2.10")));

        var (events, reply) = Decide(state, Register("call-2", 1, Contact("sip:b@192.0.2.10"), Contact("sip:a@192.0.2.10", expires: 30)));

        Assert.Empty(events);
        Assert.Equal(423, reply.StatusCode);
        Assert.Equal(60, reply.MinExpires);
    }

    [Fact]
    public void Expires_zero_is_not_too_brief_and_removes_the_binding()
    {
        var state = Registered(Register("call-1", 1, Contact("sip:a@192.0.2.10"), Contact("sip:b@192.0.2.10")));

        var (events, reply) = Decide(state, Register("call-1", 2, Contact("sip:a@192.0.2.10", expires: 0)));

        var removed = Assert.IsType<BindingRemoved>(Assert.Single(events));
        Assert.Equal(BindingRemovalReason.Unregistered, removed.Reason);
        Assert.Equal("call-1", removed.CallId);
        Assert.Equal(2u, removed.CSeq);
        Assert.Equal("sip:b@192.0.2.10", Assert.Single(reply.Bindings).Uri);
    }

    [Fact]
    public void Expires_zero_for_an_unknown_contact_changes_nothing_and_succeeds()
    {
        var (events, reply) = Decide(RegistrationState.Empty(Aor), Register("call-1", 1, Contact("sip:a@192.0.2.10", expires: 0)));

        Assert.Empty(events);
        Assert.Equal(200, reply.StatusCode);
        Assert.Empty(reply.Bindings);
    }

    [Fact]
    public void A_query_without_contacts_lists_the_bindings_without_changing_them()
    {
        var state = Registered(Register("call-1", 1, Contact("sip:a@192.0.2.10")));

        var (events, reply) = Decide(state, Register("call-9", 1), Now.AddSeconds(100));

        Assert.Empty(events);
        Assert.Equal(3500, Assert.Single(reply.Bindings).ExpiresIn(reply.At));
    }

    [Fact]
    public void An_equivalent_uri_refreshes_the_binding_rather_than_adding_one()
    {
        var state = Registered(Register("call-1", 1, Contact("sip:alice@Client.Example.COM;transport=tcp")));

        var (events, reply) = Decide(state, Register("call-1", 2, Contact("sip:alice@client.example.com;TRANSPORT=TCP", expires: 600)));

        var refreshed = Assert.IsType<BindingRefreshed>(Assert.Single(events));
        Assert.Equal("sip:alice@Client.Example.COM;transport=tcp", refreshed.StoredUri);
        Assert.Equal(600, Assert.Single(reply.Bindings).ExpiresIn(reply.At));
        Assert.Equal(2u, reply.Bindings[0].CSeq);
    }

    [Fact]
    public void Non_sip_contacts_compare_as_text()
    {
        var state = Registered(Register("call-1", 1, Contact("mailto:alice@example.com")));

        var (events, _) = Decide(state, Register("call-1", 2, Contact("mailto:alice@example.com")));

        Assert.IsType<BindingRefreshed>(Assert.Single(events));
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(5u)]
    public void The_same_Call_ID_with_a_CSeq_not_higher_is_out_of_order_and_fails_with_500(uint cseq)
    {
        var state = Registered(Register("call-1", 5, Contact("sip:a@192.0.2.10")));

        var (events, reply) = Decide(state, Register("call-1", cseq, Contact("sip:a@192.0.2.10", expires: 0), Contact("sip:b@192.0.2.10")));

        Assert.Empty(events);
        Assert.Equal(500, reply.StatusCode);
    }

    [Fact]
    public void A_different_Call_ID_updates_the_binding_whatever_its_CSeq()
    {
        var state = Registered(Register("call-1", 5, Contact("sip:a@192.0.2.10")));

        var (events, reply) = Decide(state, Register("call-2", 1, Contact("sip:a@192.0.2.10", expires: 120)));

        Assert.IsType<BindingRefreshed>(Assert.Single(events));
        Assert.Equal("call-2", Assert.Single(reply.Bindings).CallId);
    }

    [Fact]
    public void The_same_instance_and_reg_id_replace_the_old_binding()
    {
        const string Instance = "<urn:uuid:00000000-0000-1000-8000-000A95A0E128>";
        var state = Registered(
            Register("call-1", 1, Contact("sip:line1@192.0.2.2", instance: Instance, regId: 1)),
            Register("call-1", 2, Contact("sip:line2@192.0.2.2", instance: Instance, regId: 2)));

        var (events, reply) = Decide(state, Register("call-2", 1, Contact("sip:line1@198.51.100.7:6000", instance: Instance, regId: 1)) with { Flow = TcpFlow });

        Assert.Collection(
            events,
            e => Assert.Equal((BindingRemovalReason.Replaced, "sip:line1@192.0.2.2"), (((BindingRemoved)e).Reason, ((BindingRemoved)e).Uri)),
            e => Assert.Equal("sip:line1@198.51.100.7:6000", ((BindingAdded)e).Binding.Uri));
        Assert.Equal(["sip:line2@192.0.2.2", "sip:line1@198.51.100.7:6000"], reply.Bindings.Select(b => b.Uri));
        Assert.Equal(TcpFlow, reply.Bindings[1].Flow);
    }

    [Fact]
    public void A_reg_id_without_an_instance_is_ignored()
    {
        var state = Registered(Register("call-1", 1, Contact("sip:a@192.0.2.2", regId: 1)));

        var (events, reply) = Decide(state, Register("call-2", 1, Contact("sip:b@192.0.2.2", regId: 1)));

        Assert.IsType<BindingAdded>(Assert.Single(events));
        Assert.Equal(2, reply.Bindings.Count);
        Assert.All(reply.Bindings, b => Assert.Null(b.RegId));
    }

    [Fact]
    public void Two_contacts_with_the_same_instance_and_reg_id_are_rejected_with_400()
    {
        var (events, reply) = Decide(
            RegistrationState.Empty(Aor),
            Register("call-1", 1, Contact("sip:a@192.0.2.2", instance: "<urn:x>", regId: 1), Contact("sip:b@192.0.2.2", instance: "<urn:x>", regId: 1)));

        Assert.Empty(events);
        Assert.Equal(400, reply.StatusCode);
    }

    [Fact]
    public void Q_values_are_kept()
    {
        var (_, reply) = Decide(RegistrationState.Empty(Aor), Register("call-1", 1, Contact("sip:a@192.0.2.10", q: 0.7m), Contact("sip:b@192.0.2.10")));

        Assert.Equal([0.7m, null], reply.Bindings.Select(b => b.Q));
    }

    [Fact]
    public void Star_with_Expires_zero_removes_every_binding()
    {
        var state = Registered(Register("call-1", 1, Contact("sip:a@192.0.2.10"), Contact("sip:b@192.0.2.10")));

        var (events, reply) = Decide(state, Register("call-2", 1) with { RemoveAll = true, HeaderExpires = 0 });

        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(BindingRemovalReason.Unregistered, Assert.IsType<BindingRemoved>(e).Reason));
        Assert.Equal(200, reply.StatusCode);
        Assert.Empty(reply.Bindings);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(3600, false)]
    [InlineData(0, true)]
    public void Star_without_Expires_zero_or_with_other_contacts_is_rejected_with_400(int? headerExpires, bool withContact)
    {
        var state = Registered(Register("call-1", 1, Contact("sip:a@192.0.2.10")));
        var command = (withContact ? Register("call-2", 1, Contact("sip:b@192.0.2.10")) : Register("call-2", 1))
            with { RemoveAll = true, HeaderExpires = headerExpires };

        var (events, reply) = Decide(state, command);

        Assert.Empty(events);
        Assert.Equal(400, reply.StatusCode);
    }

    [Fact]
    public void Star_from_the_same_Call_ID_with_an_old_CSeq_fails_with_500()
    {
        var state = Registered(Register("call-1", 4, Contact("sip:a@192.0.2.10")));

        var (events, reply) = Decide(state, Register("call-1", 4) with { RemoveAll = true, HeaderExpires = 0 });

        Assert.Empty(events);
        Assert.Equal(500, reply.StatusCode);
    }

    [Fact]
    public void Bindings_past_their_expiry_are_removed_as_expired_and_do_not_count()
    {
        var state = Registered(Register("call-1", 9, Contact("sip:a@192.0.2.10", expires: 60)));

        // Same Call-ID, lower CSeq: out of order against a live binding, but this one has expired.
        var (events, reply) = Decide(state, Register("call-1", 1, Contact("sip:a@192.0.2.10")), Now.AddSeconds(61));

        Assert.Equal(BindingRemovalReason.Expired, Assert.IsType<BindingRemoved>(events[0]).Reason);
        Assert.IsType<BindingAdded>(events[1]);
        Assert.Equal(200, reply.StatusCode);
    }

    [Fact]
    public void Applying_the_events_gives_the_bindings_of_the_reply()
    {
        var state = Registered(Register("call-1", 1, Contact("sip:a@192.0.2.10"), Contact("sip:b@192.0.2.10")));

        var (events, reply) = Decide(state, Register("call-2", 1, Contact("sip:a@192.0.2.10", expires: 0), Contact("sip:c@192.0.2.10", q: 1m)));
        var after = events.Aggregate(state, (s, e) => s.Apply(e));

        Assert.Equal(reply.Bindings, after.Bindings);
    }

    [Fact]
    public void A_repeat_of_an_applied_register_gets_the_same_answer_and_changes_nothing()
    {
        var command = Register("call-1", 5, Contact("sip:a@192.0.2.10"));
        var state = Registered(command);

        var (events, reply) = Decide(state, command with { Repeat = true });
        var (_, unmarked) = Decide(state, command);

        Assert.Empty(events);
        Assert.Equal(200, reply.StatusCode);
        Assert.Equal("sip:a@192.0.2.10", Assert.Single(reply.Bindings).Uri);
        Assert.Equal(500, unmarked.StatusCode); // a client's own second request with that CSeq: RFC 3261 section 10.3 step 7
    }

    [Fact]
    public void A_repeat_of_a_register_that_was_never_applied_is_applied()
    {
        var state = Registered(Register("call-1", 5, Contact("sip:a@192.0.2.10")));

        var (events, reply) = Decide(state, Register("call-1", 6, Contact("sip:b@192.0.2.10")) with { Repeat = true });

        Assert.IsType<BindingAdded>(Assert.Single(events));
        Assert.Equal(2, reply.Bindings.Count);
    }

    [Fact]
    public void Expiry_removes_exactly_the_bindings_whose_time_has_come()
    {
        var state = Registered(
            Register("call-1", 1, Contact("sip:alice@192.0.2.10", expires: 60)) with { At = Now },
            Register("call-2", 1, Contact("sip:alice@192.0.2.20", expires: 600)) with { At = Now });

        Assert.Empty(RegistrationDecision.Expire(state, Now.AddSeconds(59)));
        var removed = Assert.IsType<BindingRemoved>(Assert.Single(RegistrationDecision.Expire(state, Now.AddSeconds(60))));
        Assert.Equal(("sip:alice@192.0.2.10", BindingRemovalReason.Expired, Now.AddSeconds(60)), (removed.Uri, removed.Reason, removed.At));
        Assert.Equal(2, RegistrationDecision.Expire(state, Now.AddSeconds(600)).Count);
    }
}
