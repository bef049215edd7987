using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;
using static SimpleActors.Sip.Tests.Transactions.TestMessages;
using static SimpleActors.Sip.Tests.Transactions.TimerDriver;

namespace SimpleActors.Sip.Tests.Transactions;

public class InviteServerTransactionTests
{
    private static (InviteServerTransaction Machine, TimerDriver Driver) Started(SimpleActors.Sip.Transport.SipDestination destination, TransactionTimers? timers = null)
    {
        var machine = new InviteServerTransaction(Request(SipMethod.Invite, extra: "Timestamp: 54\r\n"), destination, timers ?? TransactionTimers.Default);
        var driver = new TimerDriver(machine.OnTimer);
        driver.Apply(machine.Start());
        return (machine, driver);
    }

    private static SipRequest AckFor(SipRequest invite, string toTag = "8321234356") => Request(SipMethod.Ack, toTag: toTag, cseq: invite.CSeq!.Number);

    [Fact]
    public void The_transaction_sends_100_Trying_when_the_TU_is_silent_for_200_ms()
    {
        var (machine, driver) = Started(Udp);

        driver.AdvanceTo(Seconds(1));

        var trying = Assert.IsType<SipResponse>(Assert.Single(driver.Log.Select(e => e.Action).OfType<SendMessage>()).Message);
        Assert.Equal([0.2], driver.SendTimes());
        Assert.Equal(100, trying.StatusCode);
        Assert.Null(trying.To!.Tag);
        Assert.Equal("54", trying.Headers.GetFirstValue(KnownHeader.Timestamp));
        Assert.Equal(2, trying.Vias.Count);
        Assert.Same(trying, machine.LastResponse);

        // A retransmitted INVITE gets the 100 again.
        Assert.Same(trying, Assert.IsType<SendMessage>(Assert.Single(machine.OnRequest(machine.Request))).Message);
    }

    [Fact]
    public void No_100_Trying_when_the_TU_answers_in_time_or_when_disabled()
    {
        var (machine, driver) = Started(Udp);
        driver.AdvanceTo(Seconds(0.1));
        var ringing = Response(machine.Request, 180);
        driver.Apply(machine.SendResponse(ringing));
        driver.AdvanceTo(Seconds(1));
        Assert.Equal([0.1], driver.SendTimes());

        var (_, silent) = Started(Udp, TransactionTimers.Default with { TryingDelay = null });
        silent.AdvanceTo(Seconds(1));
        Assert.Empty(silent.SendTimes());
    }

    [Fact]
    public void A_retransmitted_INVITE_in_Proceeding_gets_the_last_provisional_response()
    {
        var (machine, driver) = Started(Udp);
        var ringing = Response(machine.Request, 180);
        driver.Apply(machine.SendResponse(ringing));

        var actions = machine.OnRequest(machine.Request);

        Assert.Equal([new SendMessage(ringing, Udp)], actions);
    }

    [Fact]
    public void Timer_G_retransmits_a_non_2xx_final_response_until_the_ACK_and_Timer_I_absorbs_ACKs()
    {
        var (machine, driver) = Started(Udp);
        var busy = Response(machine.Request, 486);
        driver.Apply(machine.SendResponse(busy));
        driver.AdvanceTo(Seconds(13));

        var ack = driver.Apply(machine.OnRequest(AckFor(machine.Request)));

        // RFC 3261 section 17.2.1: G = 0.5, 1, 2, 4, 4 ... s.
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5], driver.SendTimes());
        Assert.Equal(TransactionState.Confirmed, machine.State);
        Assert.Contains(new CancelTimer(TimerName.G), ack);
        Assert.Contains(new CancelTimer(TimerName.H), ack);
        Assert.Contains(new StartTimer(TimerName.I, TimeSpan.FromSeconds(5)), ack);

        // Confirmed absorbs ACK and INVITE retransmissions.
        Assert.Empty(machine.OnRequest(AckFor(machine.Request)));
        Assert.Empty(machine.OnRequest(machine.Request));

        driver.AdvanceTo(Seconds(40));
        Assert.Equal([18.0], driver.TimesOf<Terminated>());
        Assert.Equal(6, driver.SendTimes().Length);
        Assert.Empty(driver.TimesOf<TimedOut>());
    }

    [Fact]
    public void A_retransmitted_INVITE_in_Completed_gets_the_final_response_again()
    {
        var (machine, driver) = Started(Udp);
        var busy = Response(machine.Request, 486);
        driver.Apply(machine.SendResponse(busy));

        Assert.Equal([new SendMessage(busy, Udp)], machine.OnRequest(machine.Request));
    }

    [Fact]
    public void Timer_H_times_out_when_no_ACK_comes()
    {
        var (machine, driver) = Started(Udp);
        driver.Apply(machine.SendResponse(Response(machine.Request, 404)));

        driver.AdvanceTo(Seconds(40));

        Assert.Equal([32.0], driver.TimesOf<TimedOut>());
        Assert.Equal([32.0], driver.TimesOf<Terminated>());
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], driver.SendTimes());
    }

    [Fact]
    public void A_2xx_moves_to_Accepted_where_2xx_from_the_TU_pass_and_INVITE_copies_are_absorbed_until_Timer_L()
    {
        var (machine, driver) = Started(Udp);
        var ok = Response(machine.Request, 200);

        var actions = driver.Apply(machine.SendResponse(ok));

        // RFC 6026 section 7.1: the 2xx is sent, no retransmission timer of its own (the TU retransmits, 13.3.1.4).
        Assert.Equal([new SendMessage(ok, Udp)], actions.OfType<SendMessage>());
        Assert.DoesNotContain(actions, a => a is StartTimer { Timer: TimerName.G });
        Assert.Equal(TransactionState.Accepted, machine.State);
        Assert.Equal([new SendMessage(ok, Udp)], driver.Apply(machine.SendResponse(ok)));
        Assert.Empty(machine.SendResponse(Response(machine.Request, 500)));
        Assert.Empty(machine.OnRequest(machine.Request));
        Assert.Empty(machine.OnRequest(AckFor(machine.Request)));
        Assert.Equal(TransactionState.Accepted, machine.State); // the ACK of a 2xx is the TU's

        driver.AdvanceTo(Seconds(60));
        Assert.Equal([0.0, 0.0], driver.SendTimes());
        Assert.Equal([32.0], driver.TimesOf<Terminated>()); // Timer L = 64*T1 (RFC 6026 section 8.7)
    }

    [Fact]
    public void Over_tcp_there_is_no_Timer_G_and_the_ACK_ends_the_transaction()
    {
        var (machine, driver) = Started(Tcp);
        driver.Apply(machine.SendResponse(Response(machine.Request, 486)));
        Assert.DoesNotContain(TimerName.G, driver.Running);
        Assert.Contains(TimerName.H, driver.Running);

        var actions = driver.Apply(machine.OnRequest(AckFor(machine.Request)));

        Assert.IsType<Terminated>(actions[^1]);
        Assert.Equal([0.0], driver.SendTimes());
    }

    [Fact]
    public void Rfc_2543_ACK_matches_only_with_the_To_tag_of_the_final_response()
    {
        var invite = Request(SipMethod.Invite, branch: "1234");
        var machine = new InviteServerTransaction(invite, Udp, TransactionTimers.Default);
        machine.Start();
        machine.SendResponse(Response(invite, 486, toTag: "ours"));

        Assert.True(machine.IsAckOf(Request(SipMethod.Ack, branch: "1234", toTag: "ours")));
        Assert.False(machine.IsAckOf(Request(SipMethod.Ack, branch: "1234", toTag: "other")));
    }

    [Fact]
    public void A_transport_error_informs_the_TU_and_terminates()
    {
        var (machine, _) = Started(Udp);
        machine.SendResponse(Response(machine.Request, 486));

        Assert.Equal([TransportFailed.Instance, Terminated.Instance], machine.OnTransportError());
        Assert.Empty(machine.OnTimer(TimerName.G));
    }
}
