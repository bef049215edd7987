using System.Collections.Concurrent;
using SimpleActors.Edge.Transport;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Tests.Transactions;

/// <summary>A transport that records what is sent and when, and can fail or answer on demand.</summary>
internal sealed class RecordingTransportSender(TimeProvider time) : ITransportSender
{
    private readonly DateTimeOffset start = time.GetUtcNow();

    public ConcurrentQueue<(double At, SipMessage Message, SipDestination Destination)> Sent { get; } = new();

    /// <summary>Throws this (as a socket would) instead of sending, when set.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Called after a message is recorded (e.g. to answer it from the peer's side).</summary>
    public Action<SipMessage, SipDestination>? OnSend { get; set; }

    public ValueTask SendAsync(SipMessage message, SipDestination destination, CancellationToken ct = default)
    {
        if (Failure is { } failure)
        {
            return ValueTask.FromException(failure);
        }

        Sent.Enqueue(((time.GetUtcNow() - start).TotalSeconds, message, destination));
        OnSend?.Invoke(message, destination);
        return ValueTask.CompletedTask;
    }

    /// <summary>Records what the bytes say (read back with the parser), like <see cref="SendAsync"/>.</summary>
    public ValueTask SendBytesAsync(byte[] bytes, SipDestination destination, CancellationToken ct = default)
        => SendAsync(new SipParser().Parse(bytes), destination, ct);

    public double[] Times(Func<SipMessage, bool>? which = null)
        => [.. Sent.Where(s => which is null || which(s.Message)).Select(s => s.At)];

    public SipMessage[] Messages => [.. Sent.Select(s => s.Message)];
}
