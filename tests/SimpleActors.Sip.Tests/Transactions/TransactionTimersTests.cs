using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Tests.Transactions;

public class TransactionTimersTests
{
    private static readonly TransactionTimers Timers = TransactionTimers.Default;

    [Fact]
    public void Defaults_are_those_of_RFC_3261_table_4()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(500), Timers.T1);
        Assert.Equal(TimeSpan.FromSeconds(4), Timers.T2);
        Assert.Equal(TimeSpan.FromSeconds(5), Timers.T4);
        Assert.Equal(TimeSpan.FromSeconds(32), Timers.B);
        Assert.Equal(TimeSpan.FromSeconds(32), Timers.F);
        Assert.Equal(TimeSpan.FromSeconds(32), Timers.H);
        Assert.Equal(TimeSpan.FromMilliseconds(200), Timers.TryingDelay);
    }

    [Theory]
    [InlineData(SipTransport.Udp, 32, 5, 32, 5)]
    [InlineData(SipTransport.Tcp, 0, 0, 0, 0)]
    [InlineData(SipTransport.Tls, 0, 0, 0, 0)]
    public void D_I_J_K_are_zero_on_reliable_transports(SipTransport transport, int d, int i, int j, int k)
    {
        Assert.Equal(TimeSpan.FromSeconds(d), Timers.D(transport));
        Assert.Equal(TimeSpan.FromSeconds(i), Timers.I(transport));
        Assert.Equal(TimeSpan.FromSeconds(j), Timers.J(transport));
        Assert.Equal(TimeSpan.FromSeconds(k), Timers.K(transport));
    }

    [Fact]
    public void Timer_D_is_at_least_32_s_and_follows_a_larger_T1()
    {
        Assert.Equal(TimeSpan.FromSeconds(32), (Timers with { T1 = TimeSpan.FromMilliseconds(100) }).D(SipTransport.Udp));
        Assert.Equal(TimeSpan.FromSeconds(64), (Timers with { T1 = TimeSpan.FromSeconds(1) }).D(SipTransport.Udp));
    }
}
