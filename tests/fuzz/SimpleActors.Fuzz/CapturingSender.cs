using SimpleActors.Edge.Transport;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Fuzz;

/// <summary>Where the edge under fuzzing sends: nothing leaves the process; a final response (or a resent one) is signalled.</summary>
internal sealed class CapturingSender : ITransportSender
{
    private readonly SemaphoreSlim finals = new(0);

    public ValueTask SendAsync(SipMessage message, SipDestination destination, CancellationToken ct = default)
    {
        _ = SipMessageWriter.ToBytes(message);
        if (message is SipResponse { IsProvisional: false })
        {
            finals.Release();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask SendBytesAsync(byte[] bytes, SipDestination destination, CancellationToken ct = default)
    {
        finals.Release();
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits for the next final response; false when none came within <paramref name="timeout"/>.</summary>
    public bool WaitForFinal(TimeSpan timeout) => finals.Wait(timeout);

    /// <summary>Forgets the responses signalled so far.</summary>
    public void Reset()
    {
        while (finals.Wait(0))
        {
        }
    }
}
