using SimpleActors.Sip.Transport;

namespace SimpleActors.Sip.Transactions;

/// <summary>
/// The timer values of RFC 3261 section 17 (table 4), derived from T1, T2 and T4. Timers whose value is
/// zero on a reliable transport (D, I, J, K) make a machine go straight to Terminated.
/// </summary>
/// <param name="T1">RTT estimate, 500 ms by default (section 17.1.1.1).</param>
/// <param name="T2">Maximum retransmit interval for non-INVITE requests and INVITE responses, 4 s.</param>
/// <param name="T4">Maximum time a message stays in the network, 5 s.</param>
/// <param name="TryingDelay">How long an INVITE server transaction waits for the TU before it sends 100 Trying
/// itself (section 17.2.1: 200 ms); null disables it.</param>
public sealed record TransactionTimers(TimeSpan T1, TimeSpan T2, TimeSpan T4, TimeSpan? TryingDelay)
{
    /// <summary>The RFC's values: T1 = 500 ms, T2 = 4 s, T4 = 5 s, 100 Trying after 200 ms.</summary>
    public static TransactionTimers Default { get; } =
        new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));

    /// <summary>64*T1: Timers B, F, H and (unreliable) J.</summary>
    public TimeSpan Timeout => 64 * T1;

    /// <summary>Timer B: INVITE transaction timeout, 64*T1.</summary>
    public TimeSpan B => Timeout;

    /// <summary>Timer D: at least 32 s for unreliable transports, 0 for reliable ones.</summary>
    public TimeSpan D(SipTransport transport) => transport.IsReliable() ? TimeSpan.Zero : Max(TimeSpan.FromSeconds(32), Timeout);

    /// <summary>Timer F: non-INVITE transaction timeout, 64*T1.</summary>
    public TimeSpan F => Timeout;

    /// <summary>Timer H: wait time for ACK, 64*T1.</summary>
    public TimeSpan H => Timeout;

    /// <summary>Timer L: INVITE server, Accepted, 64*T1 (RFC 6026 section 8.7).</summary>
    public TimeSpan L => Timeout;

    /// <summary>Timer M: INVITE client, Accepted, 64*T1 (RFC 6026 section 8.4).</summary>
    public TimeSpan M => Timeout;

    /// <summary>Timer I: T4 for unreliable transports, 0 for reliable ones.</summary>
    public TimeSpan I(SipTransport transport) => transport.IsReliable() ? TimeSpan.Zero : T4;

    /// <summary>Timer J: 64*T1 for unreliable transports, 0 for reliable ones.</summary>
    public TimeSpan J(SipTransport transport) => transport.IsReliable() ? TimeSpan.Zero : Timeout;

    /// <summary>Timer K: T4 for unreliable transports, 0 for reliable ones.</summary>
    public TimeSpan K(SipTransport transport) => transport.IsReliable() ? TimeSpan.Zero : T4;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
