using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Proxy;

/// <summary>
/// One branch of a proxied INVITE (RFC 3261 section 16.6): the request sent to one target in its own INVITE client
/// transaction, and what the proxy knows of it. Fields are read and written under the lock of its
/// <see cref="ResponseContext"/>.
/// </summary>
internal sealed class ProxyBranch(SipRequest request, SipDestination destination) : IDisposable
{
    public SipRequest Request { get; } = request;

    public SipDestination Destination { get; } = destination;

    /// <summary>Stops waiting for the branch (Timer C with no provisional response: section 16.8, as if 408).</summary>
    public CancellationTokenSource Abandon { get; } = new();

    /// <summary>The branch's final response (or one made up for it); set once when the branch starts.</summary>
    public Task<SipResponse> Final { get; set; } = Task.FromResult<SipResponse>(null!);

    /// <summary>Timer C (section 16.6 step 11), reset by every provisional response (16.7 step 2).</summary>
    public ITimer? TimerC { get; set; }

    /// <summary>A provisional response came: a CANCEL may now be sent (section 9.1).</summary>
    public bool HasProvisional { get; set; }

    /// <summary>The branch is to be cancelled as soon as a provisional response allows (section 9.1).</summary>
    public bool CancelWanted { get; set; }

    public bool CancelSent { get; set; }

    /// <summary>Its final response has been handled.</summary>
    public bool Ended { get; set; }

    public void Dispose()
    {
        TimerC?.Dispose();
        Abandon.Dispose();
    }
}
