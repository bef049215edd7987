using System.Diagnostics;
using System.Globalization;
using System.Text;
using SimpleActors.Sip.Message;

namespace SimpleActors.Load.SipLoad;

/// <summary>
/// One user agent's dialog side, named by its Call-ID, on a shared <see cref="UdpAgent"/>: one request in flight at a
/// time (retransmitted over UDP at 1, 2, 4, 4 ... s until a final answer, up to 32 s, as RFC 3261 section 17.1.2.2
/// has it), and the NOTIFYs of its subscription (a retransmitted one, same CSeq as the last, is counted, not shown).
/// </summary>
public class SipParty
{
    private readonly object gate = new();
    private TaskCompletionSource<SipResponse>? pending;
    private int cseq;
    private long lastNotifyCSeq = -1;

    public SipParty(UdpAgent agent, string callId)
    {
        Agent = agent;
        CallId = callId;
        agent.Attach(this);
    }

    public UdpAgent Agent { get; }

    public string CallId { get; }

    /// <summary>The To tag of the dialog a SUBSCRIBE made (from its 2xx), for refreshes and unsubscribing.</summary>
    public string? RemoteTag { get; private set; }

    public int NotifyRetransmissions { get; private set; }

    /// <summary>Requests sent again because no final answer came in time.</summary>
    public int RequestRetransmissions { get; private set; }

    /// <summary>The NOTIFYs of the subscription, once each, with the datagram's size and the arrival (Stopwatch ticks).</summary>
    protected virtual void OnNotify(SipRequest notify, int datagramBytes, long at)
    {
    }

    /// <summary>
    /// Sends the request <paramref name="build"/> writes for the next CSeq and a branch of its own (the same bytes on each
    /// retransmission) and returns its final answer, or null when none came.
    /// </summary>
    public async Task<SipResponse?> RequestAsync(Func<RequestLine, string> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        TaskCompletionSource<SipResponse> answer;
        int number;
        lock (gate)
        {
            number = ++cseq;
            answer = pending = new TaskCompletionSource<SipResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        var line = new RequestLine(Agent.Port, CallId, number, $"z9hG4bK-{CallId}-{number.ToString(CultureInfo.InvariantCulture)}");
        var datagram = Encoding.UTF8.GetBytes(build(line));
        var waited = 0;
        for (var interval = 1000; waited < 32_000; interval = Math.Min(interval * 2, 4000))
        {
            if (waited > 0)
            {
                RequestRetransmissions++;
            }

            await Agent.SendAsync(datagram).ConfigureAwait(false);
            if (await Task.WhenAny(answer.Task, Task.Delay(interval)).ConfigureAwait(false) == answer.Task)
            {
                var response = await answer.Task.ConfigureAwait(false);
                if (response.IsSuccess && response.To?.Tag is { } tag)
                {
                    RemoteTag = tag;
                }

                return response;
            }

            waited += interval;
        }

        return null;
    }

    internal void Receive(SipMessage message, int datagramBytes, long at)
    {
        if (message is SipResponse response)
        {
            lock (gate)
            {
                // A late answer to an earlier request (its retransmission answered twice) is not this one's.
                if (response.StatusCode >= 200 && response.CSeq?.Number == cseq)
                {
                    pending?.TrySetResult(response);
                }
            }

            return;
        }

        if (message is not SipRequest { Method: "NOTIFY" } notify || notify.CSeq is not { } notifyCSeq)
        {
            return;
        }

        lock (gate)
        {
            if (notifyCSeq.Number == lastNotifyCSeq)
            {
                NotifyRetransmissions++;
                return;
            }

            lastNotifyCSeq = notifyCSeq.Number;
        }

        OnNotify(notify, datagramBytes, at);
    }

    /// <summary>What a request needs from its party: the local port (Via, Contact), Call-ID, CSeq number and branch.</summary>
    public readonly record struct RequestLine(int Port, string CallId, int CSeq, string Branch);

    /// <summary>Milliseconds between two Stopwatch timestamps.</summary>
    public static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}
