using SimpleActors.Edge.Transport;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Fuzz;

/// <summary>
/// Where the edge under fuzzing sends: nothing leaves the process; a final response (or a resent one) is signalled. With
/// FUZZ_TRACE set, each message's start line goes to standard error (to see what an input did when replaying it).
/// </summary>
internal sealed class CapturingSender : ITransportSender
{
    private static readonly bool Trace = Environment.GetEnvironmentVariable("FUZZ_TRACE") is not null;

    private readonly SemaphoreSlim finals = new(0);

    public ValueTask SendAsync(SipMessage message, SipDestination destination, CancellationToken ct = default)
    {
        _ = SipMessageWriter.ToBytes(message);
        if (Trace)
        {
            Console.Error.WriteLine($"sent {message.StartLine}");
        }
        if (message is SipResponse { IsProvisional: false })
        {
            finals.Release();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask SendBytesAsync(byte[] bytes, SipDestination destination, CancellationToken ct = default)
    {
        if (Trace)
        {
            var line = bytes.AsSpan(0, Math.Max(0, bytes.AsSpan().IndexOf("\r\n"u8)));
            Console.Error.WriteLine($"sent {System.Text.Encoding.UTF8.GetString(line)}");
        }

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
