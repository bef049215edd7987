using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;
using static SimpleActors.Sip.Tests.Transactions.TestMessages;
using static SimpleActors.Sip.Tests.Transactions.TimerDriver;

namespace SimpleActors.Sip.Tests.Transactions;

public class InviteClientTransactionTests
{
    private const string RouteRows = "Route: <sip:p1.example.com;lr>\r\nRoute: <sip:p2.example.com;lr>\r\n";

    private static (InviteClientTransaction Machine, TimerDriver Driver) Started(SimpleActors.Sip.Transport.SipDestination destination)
    {
        var invite = Request(SipMethod.Invite, cseq: 314159, extra: RouteRows + "Contact: <sip:alice@pc33.atlanta.com>\r\n");
        var machine = new InviteClientTransaction(invite, destination, TransactionTimers.Default);
        var driver = new TimerDriver(machine.OnTimer);
        driver.Apply(machine.Start());
        return (machine, driver);
    }

    private static bool IsAck(SipMessage m) => m is SipRequest { Method: SipMethod.Ack };

    [Fact]
    public void Over_udp_Timer_A_doubles_without_cap_and_Timer_B_times_out_at_64_T1()
    {
        var (machine, driver) = Started(Udp);

        driver.AdvanceTo(Seconds(40));

        // RFC 3261 section 17.1.1.2: A = 0.5, 1, 2, 4, 8, 16 s; B = 32 s.
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5], driver.SendTimes());
        Assert.Equal([32.0], driver.TimesOf<TimedOut>());
        Assert.Equal(TransactionState.Terminated, machine.State);
    }

    [Fact]
    public void A_provisional_response_stops_retransmissions_and_Timer_B()
    {
        var (machine, driver) = Started(Udp);
        driver.AdvanceTo(Seconds(0.7));

        var actions = driver.Apply(machine.OnResponse(Response(machine.Request, 180)));
        driver.AdvanceTo(Seconds(100));

        Assert.Single(actions.OfType<DeliverToTransactionUser>());
        Assert.Equal(TransactionState.Proceeding, machine.State);
        Assert.Equal([0, 0.5], driver.SendTimes());
        Assert.Empty(driver.TimesOf<TimedOut>());

        // Further provisionals go up too.
        Assert.Single(machine.OnResponse(Response(machine.Request, 183)).OfType<DeliverToTransactionUser>());
    }

    [Fact]
    public void A_non_2xx_final_response_is_acknowledged_with_the_headers_of_section_17_1_1_3()
    {
        var (machine, driver) = Started(Udp);
        var busy = Response(machine.Request, 486, toTag: "a6c85cf");

        var actions = driver.Apply(machine.OnResponse(busy));

        var send = Assert.Single(actions.OfType<SendMessage>());
        var ack = Assert.IsType<SipRequest>(send.Message);
        Assert.Equal(Udp, send.Destination);
        Assert.Equal(SipMethod.Ack, ack.Method);
        Assert.Equal(machine.Request.RequestUriText, ack.RequestUriText);
        var via = Assert.Single(ack.Vias);
        Assert.Equal(machine.Request.TopVia!.Branch, via.Branch);
        Assert.Equal("pc33.atlanta.com", via.Host);
        Assert.Equal("a6c85cf", ack.To!.Tag);
        Assert.Equal(machine.Request.Headers.GetFirstValue(KnownHeader.From), ack.Headers.GetFirstValue(KnownHeader.From));
        Assert.Equal(machine.Request.CallId, ack.CallId);
        Assert.Equal(new CSeqHeader(314159, SipMethod.Ack), ack.CSeq);
        Assert.Equal(["sip:p1.example.com;lr", "sip:p2.example.com;lr"], ack.Routes.Select(r => r.Uri.ToString()));
        Assert.False(ack.Headers.Contains(KnownHeader.Contact));
        Assert.True(ack.Body.IsEmpty);
        Assert.Equal(busy, Assert.Single(actions.OfType<DeliverToTransactionUser>()).Response);
        Assert.Equal(TransactionState.Completed, machine.State);
        Assert.Same(ack, machine.Ack);
    }

    [Fact]
    public void A_retransmitted_final_response_is_acknowledged_again_but_not_delivered_until_Timer_D()
    {
        var (machine, driver) = Started(Udp);
        driver.AdvanceTo(Seconds(0.2));
        var busy = Response(machine.Request, 486);
        driver.Apply(machine.OnResponse(busy));
        driver.AdvanceTo(Seconds(1));

        var again = driver.Apply(machine.OnResponse(busy));

        Assert.Same(machine.Ack, Assert.Single(again.OfType<SendMessage>()).Message);
        Assert.Empty(again.OfType<DeliverToTransactionUser>());
        Assert.Equal([0.2, 1.0], driver.SendTimes(IsAck));

        // Timer D: 32 s on unreliable transports.
        driver.AdvanceTo(Seconds(40));
        Assert.Equal([32.2], driver.TimesOf<Terminated>());
        Assert.Equal([0.0], driver.SendTimes(m => !IsAck(m)));
    }

    [Fact]
    public void Over_tcp_there_is_no_Timer_A_and_a_non_2xx_ends_the_transaction_after_the_ACK()
    {
        var (machine, driver) = Started(Tcp);
        Assert.DoesNotContain(TimerName.A, driver.Running);

        var actions = driver.Apply(machine.OnResponse(Response(machine.Request, 603)));

        Assert.IsType<SendMessage>(actions.Single(a => a is SendMessage));
        Assert.IsType<Terminated>(actions[^1]);
        Assert.Equal(TransactionState.Terminated, machine.State);
    }

    [Fact]
    public void A_2xx_is_delivered_without_an_ACK_and_Accepted_passes_retransmissions_up_until_Timer_M()
    {
        var (machine, driver) = Started(Udp);
        driver.Apply(machine.OnResponse(Response(machine.Request, 100)));

        var actions = driver.Apply(machine.OnResponse(Response(machine.Request, 200)));

        // RFC 6026 section 7.2: a 2xx goes up and the transaction waits in Accepted; the TU ACKs it (RFC 3261 13.2.2.4).
        Assert.Equal(200, Assert.Single(actions.OfType<DeliverToTransactionUser>()).Response.StatusCode);
        Assert.Empty(actions.OfType<SendMessage>());
        Assert.Equal(TransactionState.Accepted, machine.State);
        Assert.Null(machine.Ack);

        // A retransmitted 2xx (or another fork's) goes up too; a late non-2xx does not.
        Assert.IsType<DeliverToTransactionUser>(Assert.Single(driver.Apply(machine.OnResponse(Response(machine.Request, 200)))));
        Assert.Empty(driver.Apply(machine.OnResponse(Response(machine.Request, 486))));

        driver.AdvanceBy(Seconds(40));
        Assert.Equal([32.0], driver.TimesOf<Terminated>()); // Timer M = 64*T1 (RFC 6026 section 8.4)
        Assert.DoesNotContain(driver.Log, e => e.Action is SendMessage && e.At > TimeSpan.Zero);
    }

    [Fact]
    public void A_transport_error_informs_the_TU_and_terminates()
    {
        var (machine, driver) = Started(Udp);

        var actions = driver.Apply(machine.OnTransportError());

        Assert.Equal([TransportFailed.Instance, Terminated.Instance], actions);
        Assert.True(machine.IsTerminated);
    }
}
