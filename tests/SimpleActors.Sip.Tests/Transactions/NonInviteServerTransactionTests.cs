using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;
using static SimpleActors.Sip.Tests.Transactions.TestMessages;
using static SimpleActors.Sip.Tests.Transactions.TimerDriver;

namespace SimpleActors.Sip.Tests.Transactions;

public class NonInviteServerTransactionTests
{
    private static (NonInviteServerTransaction Machine, TimerDriver Driver) Started(SimpleActors.Sip.Transport.SipDestination destination)
    {
        var machine = new NonInviteServerTransaction(Request(SipMethod.Subscribe), destination, TransactionTimers.Default);
        var driver = new TimerDriver(machine.OnTimer);
        driver.Apply(machine.Start());
        return (machine, driver);
    }

    [Fact]
    public void A_retransmission_in_Trying_is_absorbed()
    {
        var (machine, _) = Started(Udp);

        Assert.Empty(machine.OnRequest(machine.Request));
        Assert.Equal(TransactionState.Trying, machine.State);
    }

    [Fact]
    public void Retransmissions_get_the_last_provisional_then_the_final_response()
    {
        var (machine, driver) = Started(Udp);
        var trying = Response(machine.Request, 100);
        var ok = Response(machine.Request, 200);

        driver.Apply(machine.SendResponse(trying));
        Assert.Equal(TransactionState.Proceeding, machine.State);
        Assert.Equal([new SendMessage(trying, Udp)], machine.OnRequest(machine.Request));

        driver.AdvanceTo(Seconds(1));
        var final = driver.Apply(machine.SendResponse(ok));
        Assert.Equal([new SendMessage(ok, Udp), new StartTimer(TimerName.J, TimeSpan.FromSeconds(32))], final);
        Assert.Equal([new SendMessage(ok, Udp)], machine.OnRequest(machine.Request));
    }

    [Fact]
    public void Timer_J_ends_the_transaction_64_T1_after_the_final_response_and_later_responses_are_discarded()
    {
        var (machine, driver) = Started(Udp);
        driver.AdvanceTo(Seconds(2));
        driver.Apply(machine.SendResponse(Response(machine.Request, 489)));

        Assert.Empty(machine.SendResponse(Response(machine.Request, 200)));
        driver.AdvanceTo(Seconds(60));

        Assert.Equal([34.0], driver.TimesOf<Terminated>());
        Assert.Equal([2.0], driver.SendTimes());
    }

    [Fact]
    public void Over_tcp_Timer_J_is_zero()
    {
        var (machine, driver) = Started(Tcp);

        var actions = driver.Apply(machine.SendResponse(Response(machine.Request, 200)));

        Assert.IsType<Terminated>(actions[^1]);
        Assert.Equal(TransactionState.Terminated, machine.State);
    }

    [Fact]
    public void A_transport_error_informs_the_TU_and_terminates()
    {
        var (machine, _) = Started(Udp);

        Assert.Equal([TransportFailed.Instance, Terminated.Instance], machine.OnTransportError());
        Assert.Empty(machine.SendResponse(Response(machine.Request, 200)));
    }

    [Fact]
    public void ACK_and_INVITE_do_not_make_non_INVITE_server_transactions()
    {
        Assert.Throws<ArgumentException>(() => new NonInviteServerTransaction(Request(SipMethod.Ack), Udp, TransactionTimers.Default));
        Assert.IsType<InviteServerTransaction>(ServerTransaction.Create(Request(SipMethod.Invite), Udp, TransactionTimers.Default));
        Assert.IsType<NonInviteServerTransaction>(ServerTransaction.Create(Request(SipMethod.Publish), Udp, TransactionTimers.Default));
    }
}
