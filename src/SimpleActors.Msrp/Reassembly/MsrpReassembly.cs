using SimpleActors.Msrp.Message;
using static SimpleActors.Msrp.Reassembly.MsrpReassemblyOutcome;

namespace SimpleActors.Msrp.Reassembly;

/// <summary>
/// Puts one session's incoming messages back together from their SEND chunks (RFC 4975 sections 5.1 and 7.3.1), per
/// Message-ID: by Byte-Range position, in whatever order the chunks come, a chunk over bytes already held replacing
/// them; chunks of different messages may interleave. A message is complete when its last chunk (<c>$</c>) has arrived
/// and every byte from 1 to the total is held; the total is the one any chunk declares, or else the end of the last
/// chunk. A SEND without Byte-Range is the whole message; <c>#</c> drops the message.
/// </summary>
/// <remarks>
/// Deterministic and free of I/O; the time is passed in, for <see cref="DiscardIdle"/> only. Not thread-safe: one
/// session owns one. Protocol outcomes are values (<see cref="MsrpReassemblyOutcome"/>), never exceptions. Limits
/// (<see cref="MsrpReassemblyLimits"/>): a message over max-size, one more unfinished message than allowed, or bytes
/// over the session's budget are refused with 413; a chunk that contradicts its message with 400. A refused message is
/// dropped, and its later chunks are refused alike until the sender aborts it.
/// </remarks>
public sealed class MsrpReassembly
{
    private readonly Dictionary<string, MsrpPartialMessage> partials = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Status, string Reason)> refused = new(StringComparer.Ordinal);
    private readonly Queue<string> refusedOrder = new();

    public MsrpReassembly(MsrpReassemblyLimits? limits = null)
    {
        Limits = limits ?? MsrpReassemblyLimits.Default;
        Limits.Validate();
    }

    public MsrpReassemblyLimits Limits { get; }

    /// <summary>What the unfinished messages cost now: their bytes and a fixed cost per range; never over <see cref="MsrpReassemblyLimits.MaxSessionBytes"/>.</summary>
    public long HeldBytes { get; private set; }

    /// <summary>Unfinished messages held now; never over <see cref="MsrpReassemblyLimits.MaxPartialMessages"/>.</summary>
    public int PartialCount => partials.Count;

    /// <summary>Takes one SEND of the session, received at <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentException">A request other than SEND: only SENDs carry messages.</exception>
    public MsrpReassemblyOutcome Receive(MsrpRequest send, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(send);
        if (send.Method != MsrpMethod.Send)
        {
            throw new ArgumentException($"Only a SEND carries a message, not {send.Method}", nameof(send));
        }

        // RFC 4975 section 7.1.1: every SEND carries a Message-ID; without one, the chunk belongs to no message.
        if (send.MessageId is not { } id)
        {
            return new Refused(null, MsrpStatusCode.BadRequest, "SEND without Message-ID");
        }

        // RFC 4975 section 7.1.1: "#" aborts the message; the receiver drops what it holds of it.
        if (send.Continuation == MsrpContinuation.Abort)
        {
            Drop(id);
            Forget(id);
            return new Aborted(id);
        }

        if (refused.TryGetValue(id, out var earlier))
        {
            return new Refused(id, earlier.Status, earlier.Reason);
        }

        partials.TryGetValue(id, out var partial);
        return Take(send, id, partial, now);
    }

    /// <summary>
    /// Drops the unfinished messages that have received nothing for <paramref name="maxIdle"/> up to
    /// <paramref name="now"/> (a sender that went quiet mid-message), and returns their Message-IDs.
    /// </summary>
    public IReadOnlyList<string> DiscardIdle(DateTimeOffset now, TimeSpan maxIdle)
    {
        var idle = partials.Values.Where(p => now - p.LastActivity >= maxIdle).Select(p => p.MessageId).ToList();
        foreach (var id in idle)
        {
            Drop(id);
        }

        return idle;
    }

    /// <summary>Drops every unfinished message and every remembered refusal (the session ended).</summary>
    public void Clear()
    {
        partials.Clear();
        refused.Clear();
        refusedOrder.Clear();
        HeldBytes = 0;
    }

    private MsrpReassemblyOutcome Take(MsrpRequest send, string id, MsrpPartialMessage? partial, DateTimeOffset now)
    {
        var body = send.Body;
        var contentType = send.ContentType;
        var isLast = send.Continuation == MsrpContinuation.Complete;

        // RFC 4975 section 7.1.1: a SEND with a body carries a Content-Type, the same on every chunk of the message.
        if (!body.IsEmpty && contentType is null)
        {
            return Refuse(id, MsrpStatusCode.BadRequest, "A chunk with a body needs a Content-Type");
        }

        if (partial?.ContentType is { } known && contentType is not null && !string.Equals(known, contentType, StringComparison.Ordinal))
        {
            return Refuse(id, MsrpStatusCode.BadRequest, "Content-Type differs from an earlier chunk's");
        }

        // RFC 4975 section 7.3.1: a SEND without Byte-Range holds the whole message (or, before "+", its beginning).
        var range = send.ByteRange ?? new MsrpByteRange(1, body.Length, isLast ? body.Length : null);
        var start = range.Start;
        var end = start + body.Length - 1;
        if (range.End is { } declared && declared != end)
        {
            return Refuse(id, MsrpStatusCode.BadRequest, "Byte-Range end does not match the body");
        }

        // The total: the same on every chunk that declares one; else the end of the last chunk (section 7.1.1).
        if (range.Total is { } declaredTotal && partial?.Total is { } knownTotal && declaredTotal != knownTotal)
        {
            return Refuse(id, MsrpStatusCode.BadRequest, "Byte-Range total differs from an earlier chunk's");
        }

        var total = range.Total ?? partial?.Total;
        if (isLast)
        {
            total ??= end;
            if (end != total)
            {
                return Refuse(id, MsrpStatusCode.BadRequest, "The last chunk does not end at the total");
            }
        }

        if (end > total || (partial is not null && partial.HighestEnd > total))
        {
            return Refuse(id, MsrpStatusCode.BadRequest, "A chunk reaches beyond the total");
        }

        // RFC 4975 sections 7.3.1 and 8.6: a message over max-size is refused on the first chunk that shows it.
        if ((total ?? end) > Limits.MaxMessageSize)
        {
            return Refuse(id, MsrpStatusCode.StopSending, "Message exceeds the maximum size");
        }

        var received = (partial?.Received ?? 0) + body.Length - (partial?.Overlap(start, end) ?? 0);
        var lastSeen = isLast || partial is { LastSeen: true };
        if (lastSeen && received == total && total is { } size)
        {
            // Every position from 1 to the total is held, since no range goes past the total.
            if (partial is null)
            {
                return new Complete(id, contentType, body);
            }

            Drop(id);
            partial.Write(start, body.Span);
            return new Complete(id, partial.ContentType ?? contentType, partial.Assemble(size));
        }

        if (partial is null)
        {
            if (partials.Count >= Limits.MaxPartialMessages)
            {
                return Refuse(id, MsrpStatusCode.StopSending, "Too many unfinished messages");
            }

            partial = new MsrpPartialMessage(id, now);
            partials.Add(id, partial);
        }

        var before = partial.Cost(Limits.RangeCost);
        partial.Write(start, body.Span);
        partial.Total = total;
        partial.LastSeen = lastSeen;
        partial.ContentType ??= contentType;
        partial.LastActivity = now;
        HeldBytes += partial.Cost(Limits.RangeCost) - before;
        if (HeldBytes > Limits.MaxSessionBytes)
        {
            return Refuse(id, MsrpStatusCode.StopSending, "Too many bytes of unfinished messages");
        }

        return new Accepted(id, partial.Received, total);
    }

    /// <summary>Drops the message and refuses its later chunks alike, remembering a bounded number of refusals.</summary>
    private Refused Refuse(string id, int status, string reason)
    {
        Drop(id);
        if (refused.TryAdd(id, (status, reason)))
        {
            refusedOrder.Enqueue(id);
            while (refusedOrder.Count > Math.Max(Limits.MaxPartialMessages, 1))
            {
                refused.Remove(refusedOrder.Dequeue());
            }
        }

        return new Refused(id, status, reason);
    }

    private void Drop(string id)
    {
        if (partials.Remove(id, out var partial))
        {
            HeldBytes -= partial.Cost(Limits.RangeCost);
        }
    }

    private void Forget(string id)
    {
        if (refused.Remove(id))
        {
            var rest = refusedOrder.Where(r => r != id).ToArray();
            refusedOrder.Clear();
            foreach (var r in rest)
            {
                refusedOrder.Enqueue(r);
            }
        }
    }
}
