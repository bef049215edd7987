using System.Collections.Concurrent;
using SimpleActors.Edge.Transactions;
using SimpleActors.Sip.Dialogs;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Dialogs;

/// <summary>
/// The UAS core's part of answering an INVITE with a 2xx (RFC 3261 section 13.3.1.4): the 2xx goes through the INVITE's
/// server transaction (held in RFC 6026's Accepted state for 64*T1) and is resent at T1, doubling up to T2, until its
/// ACK arrives; with no ACK in 64*T1 the session is given up (its owner sends the BYE). The timing is
/// <see cref="InviteSession"/>'s; this class only keeps the 2xx responses that wait, by dialog and CSeq, and runs their
/// timers. A usage that answers INVITEs (a chat room) hands its 2xx here and learns whether the ACK came.
/// </summary>
public sealed class AcceptedInvites(TransactionLayer transactions, TimeProvider time, TransactionTimers? timers = null)
{
    private readonly ConcurrentDictionary<(string CallId, string LocalTag, uint CSeq), Waiting> waiting = new();
    private readonly TransactionTimers timers = timers ?? TransactionTimers.Default;

    /// <summary>The 2xx responses waiting for their ACK (for tests and diagnostics).</summary>
    public int Count => waiting.Count;

    /// <summary>
    /// Sends <paramref name="ok"/> to <paramref name="invite"/> and resends it until the ACK. Completes with the session
    /// as it then is: <see cref="InviteSessionPhase.Confirmed"/> after the ACK, or <see cref="InviteSessionPhase.Terminated"/>
    /// after 64*T1 without one, with the BYE to send in <see cref="Outcome.Bye"/>.
    /// </summary>
    public async Task<Outcome> AcceptAsync(SipRequest invite, SipResponse ok, SipFlow? flow)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(ok);
        if (!ok.IsSuccess || ok.To?.Tag is not { } localTag)
        {
            throw new ArgumentException("Only a 2xx with a To tag waits for an ACK.", nameof(ok));
        }

        var (session, step) = InviteSession.Offer(invite, timers).Accept(invite, localTag, flow, time.GetUtcNow());
        var entry = new Waiting(session);
        var key = (invite.CallId!, localTag, invite.CSeq!.Number);
        waiting[key] = entry;
        try
        {
            await transactions.RespondAsync(invite, ok).ConfigureAwait(false);
            while (true)
            {
                if (step is not (InviteSessionStep.WakeAt or InviteSessionStep.Retransmit))
                {
                    break;
                }

                var at = step is InviteSessionStep.WakeAt wake ? wake.At : ((InviteSessionStep.Retransmit)step).Next;
                var delay = at - time.GetUtcNow();
                var acked = entry.Acked.Task;
                if (delay > TimeSpan.Zero)
                {
                    await Task.WhenAny(acked, Task.Delay(delay, time)).ConfigureAwait(false);
                }

                if (acked.IsCompleted)
                {
                    break;
                }

                lock (entry)
                {
                    (entry.Session, step) = entry.Session.Elapsed(time.GetUtcNow());
                }

                if (step is InviteSessionStep.Retransmit)
                {
                    await transactions.RespondAsync(invite, ok).ConfigureAwait(false); // RFC 6026: the Accepted transaction sends it
                }
            }
        }
        finally
        {
            waiting.TryRemove(KeyValuePair.Create(key, entry));
        }

        lock (entry)
        {
            return new Outcome(entry.Session, step is InviteSessionStep.SendBye bye ? bye.Bye : null);
        }
    }

    /// <summary>An ACK (RFC 3261 section 13.3.1.4, 17.1.1.3: same Call-ID, tags and CSeq number as the INVITE): false when no 2xx waits for it.</summary>
    public bool Acknowledge(SipRequest ack)
    {
        ArgumentNullException.ThrowIfNull(ack);
        if (ack.CallId is not { } callId || ack.To?.Tag is not { } tag || ack.CSeq is not { } cseq
            || !waiting.TryGetValue((callId, tag, cseq.Number), out var entry))
        {
            return false;
        }

        lock (entry)
        {
            var (next, step) = entry.Session.Ack(cseq.Number);
            if (step is InviteSessionStep.Refused)
            {
                return false;
            }

            entry.Session = next;
        }

        entry.Acked.TrySetResult();
        return true;
    }

    /// <summary>How an accepted INVITE ended: confirmed by its ACK, or given up, with the BYE to send.</summary>
    public sealed record Outcome(InviteSession Session, OutgoingRequest? Bye)
    {
        public bool Confirmed => Session.Phase == InviteSessionPhase.Confirmed;
    }

    private sealed class Waiting(InviteSession session)
    {
        public InviteSession Session { get; set; } = session;

        public TaskCompletionSource Acked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
