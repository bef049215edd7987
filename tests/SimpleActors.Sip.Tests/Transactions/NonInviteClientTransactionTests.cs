using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;
using static SimpleActors.Sip.Tests.Transactions.TestMessages;
using static SimpleActors.Sip.Tests.Transactions.TimerDriver;

namespace SimpleActors.Sip.Tests.Transactions;

public class NonInviteClientTransactionTests
{
    private static (NonInviteClientTransaction Machine, TimerDriver Driver) Started(SimpleActors.Sip.Transport.SipDestination destination)
    {
        var machine = new NonInviteClientTransaction(Request(SipMethod.Message), destination, TransactionTimers.Default);
        var driver = new TimerDriver(machine.OnTimer);
        driver.Apply(machine.Start());
        return (machine, driver);
    }

    [Fact]
    public void Over_udp_Timer_E_doubles_from_T1_to_T2_and_Timer_F_times_out_at_64_T1()
    {
        var (machine, driver) = Started(Udp);

        driver.AdvanceTo(Seconds(40));

        // RFC 3261 section 17.1.2.2: E = 0.5, 1, 2, 4, 4, 4 ... s; F = 32 s.
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], driver.SendTimes());
        Assert.Equal([32.0], driver.TimesOf<TimedOut>());
        Assert.Equal([32.0], driver.TimesOf<Terminated>());
        Assert.Equal(TransactionState.Terminated, machine.State);
        Assert.Empty(driver.Running);
    }

    [Fact]
    public void After_a_provisional_response_Timer_E_continues_at_T2()
    {
        var (machine, driver) = Started(Udp);
        driver.AdvanceTo(Seconds(0.6));

        var actions = driver.Apply(machine.OnResponse(Response(machine.Request, 180)));

        Assert.Equal(TransactionState.Proceeding, machine.State);
        Assert.Single(actions.OfType<DeliverToTransactionUser>());
        driver.AdvanceTo(Seconds(14));
        // The E armed in Trying fires at 1.5 s; from then on every T2.
        Assert.Equal([0, 0.5, 1.5, 5.5, 9.5, 13.5], driver.SendTimes());
    }

    [Fact]
    public void A_final_response_is_delivered_once_and_Timer_K_absorbs_its_retransmissions()
    {
        var (machine, driver) = Started(Udp);
        driver.AdvanceTo(Seconds(0.7));
        var ok = Response(machine.Request, 200);

        var first = driver.Apply(machine.OnResponse(ok));
        driver.AdvanceTo(Seconds(2));
        var again = driver.Apply(machine.OnResponse(ok));

        Assert.Equal(ok, Assert.Single(first.OfType<DeliverToTransactionUser>()).Response);
        Assert.Contains(new CancelTimer(TimerName.E), first);
        Assert.Contains(new CancelTimer(TimerName.F), first);
        Assert.Contains(new StartTimer(TimerName.K, TimeSpan.FromSeconds(5)), first);
        Assert.Empty(again);
        Assert.Equal(TransactionState.Completed, machine.State);
        Assert.Equal([0, 0.5], driver.SendTimes());

        driver.AdvanceTo(Seconds(10));
        Assert.Equal([5.7], driver.TimesOf<Terminated>());
        Assert.Empty(driver.TimesOf<TimedOut>());
    }

    [Fact]
    public void Over_tcp_there_is_no_Timer_E_and_Timer_K_is_zero()
    {
        var (machine, driver) = Started(Tcp);
        Assert.DoesNotContain(TimerName.E, driver.Running);

        driver.AdvanceTo(Seconds(3));
        var actions = driver.Apply(machine.OnResponse(Response(machine.Request, 202)));

        Assert.Equal([0.0], driver.SendTimes());
        Assert.IsType<Terminated>(actions[^1]);
        Assert.Equal(TransactionState.Terminated, machine.State);
    }

    [Fact]
    public void Over_tcp_Timer_F_still_times_out_without_retransmissions()
    {
        var (_, driver) = Started(Tcp);

        driver.AdvanceTo(Seconds(33));

        Assert.Equal([0.0], driver.SendTimes());
        Assert.Equal([32.0], driver.TimesOf<TimedOut>());
    }

    [Fact]
    public void A_transport_error_informs_the_TU_and_terminates()
    {
        var (machine, driver) = Started(Udp);

        var actions = driver.Apply(machine.OnTransportError());

        Assert.Equal([TransportFailed.Instance, Terminated.Instance], actions);
        Assert.Empty(machine.OnTransportError());
        driver.AdvanceTo(Seconds(40));
        Assert.Equal([0.0], driver.SendTimes());
    }

    [Fact]
    public void A_late_timer_does_nothing()
    {
        var (machine, _) = Started(Udp);
        machine.OnResponse(Response(machine.Request, 200));

        Assert.Empty(machine.OnTimer(TimerName.E));
        Assert.Empty(machine.OnTimer(TimerName.F));
    }

    [Fact]
    public void Start_twice_is_refused_and_INVITE_or_ACK_is_not_a_non_INVITE_transaction()
    {
        var (machine, _) = Started(Udp);
        Assert.Throws<InvalidOperationException>(() => machine.Start());
        Assert.Throws<ArgumentException>(() => new NonInviteClientTransaction(Request(SipMethod.Invite), Udp, TransactionTimers.Default));
        Assert.Throws<ArgumentException>(() => new NonInviteClientTransaction(Request(SipMethod.Ack), Udp, TransactionTimers.Default));
        Assert.IsType<NonInviteClientTransaction>(ClientTransaction.Create(Request(SipMethod.Subscribe), Udp, TransactionTimers.Default));
        Assert.IsType<InviteClientTransaction>(ClientTransaction.Create(Request(SipMethod.Invite), Udp, TransactionTimers.Default));
    }
}
