using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SimpleActors.Msrp.Message;
using SimpleActors.Msrp.Reassembly;

namespace SimpleActors.Msrp.Tests.Reassembly;

/// <summary>
/// Properties of reassembly: any chunking of any messages, re-sends over bytes already sent included, arriving in any
/// order and interleaved, gives back exactly the original bytes, at the first chunk that completes each message; and
/// whatever arrives, what a session holds stays within its limits.
/// </summary>
public class MsrpReassemblyPropertyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Gen<byte[]> Body = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf();

    /// <summary>
    /// The chunks of <paramref name="body"/>: a cover of cuts, plus re-sends of random stretches, each with a declared
    /// or unknown end and total; every chunk that reaches the last byte says <c>$</c>.
    /// </summary>
    private static List<MsrpRequest> Chunks(string id, byte[] body, Random random)
    {
        if (body.Length == 0)
        {
            return [SendChunk.Of(id, 1, body, 0, '$')];
        }

        var pieces = new List<(int Start, int Length)>();
        for (var at = 0; at < body.Length;)
        {
            var length = Math.Min(body.Length - at, 1 + random.Next(Math.Max(1, body.Length / 3)));
            pieces.Add((at, length));
            at += length;
        }

        for (var resend = random.Next(4); resend > 0; resend--)
        {
            var start = random.Next(body.Length);
            pieces.Add((start, 1 + random.Next(body.Length - start)));
        }

        return pieces.Select(p =>
        {
            var last = p.Start + p.Length == body.Length;
            var total = random.Next(3) == 0 ? (long?)null : body.Length;
            return SendChunk.Of(id, p.Start + 1, body[p.Start..(p.Start + p.Length)], total, last ? '$' : '+', openEnd: random.Next(3) == 0);
        }).ToList();
    }

    [Property(MaxTest = 500)]
    public Property Any_chunking_in_any_order_with_overlapping_resends_reassembles_to_exactly_the_original_bytes()
        => Prop.ForAll(
            Body.ArrayOf().Select(bodies => bodies.Take(3).ToArray()).ToArbitrary(),
            Gen.Choose(0, int.MaxValue).ToArbitrary(),
            (bodies, seed) =>
            {
                var random = new Random(seed);
                var chunks = bodies.SelectMany((body, m) => Chunks($"m{m}", body, random).Select(c => (Message: m, Chunk: c)))
                    .OrderBy(_ => random.Next())
                    .ToList();
                var reassembly = new MsrpReassembly();

                // The model: which positions of each message have arrived, and whether a "$" has.
                var covered = bodies.Select(b => new bool[b.Length]).ToArray();
                var lastSeen = new bool[bodies.Length];
                var completed = new bool[bodies.Length];
                foreach (var (m, chunk) in chunks)
                {
                    if (completed[m])
                    {
                        continue;
                    }

                    var start = (int)chunk.ByteRange!.Value.Start;
                    Array.Fill(covered[m], true, start - 1, chunk.Body.Length);
                    lastSeen[m] |= chunk.Continuation == MsrpContinuation.Complete;
                    var outcome = reassembly.Receive(chunk, Now);
                    if (lastSeen[m] && covered[m].All(c => c))
                    {
                        completed[m] = true;
                        if (outcome is not MsrpReassemblyOutcome.Complete complete || !complete.Body.Span.SequenceEqual(bodies[m])
                            || complete.MessageId != $"m{m}" || complete.ContentType != (bodies[m].Length == 0 ? null : "text/plain"))
                        {
                            return false.Label($"m{m}: expected complete, got {SendChunk.Describe(outcome)}");
                        }
                    }
                    else if (outcome is not MsrpReassemblyOutcome.Accepted accepted || accepted.Received != covered[m].Count(c => c))
                    {
                        return false.Label($"m{m}: expected accepted {covered[m].Count(c => c)}, got {SendChunk.Describe(outcome)}");
                    }
                }

                return (completed.All(c => c) && reassembly.PartialCount == 0 && reassembly.HeldBytes == 0)
                    .Label($"completed {string.Join(',', completed)}, {reassembly.PartialCount} partial, {reassembly.HeldBytes} held");
            });

    private static readonly MsrpReassemblyLimits Tight = new() { MaxMessageSize = 150, MaxSessionBytes = 300, MaxPartialMessages = 3, RangeCost = 8 };

    private static readonly Gen<MsrpRequest> AnyChunk =
        from id in Gen.Elements("m1", "m2", "m3", "m4", "m5", "m6")
        from start in Gen.Choose(1, 160)
        from length in Gen.Choose(0, 40)
        from total in Gen.Elements<long?>(null, 0, 40, 100, 150, 151, 200)
        from flag in Gen.Elements('+', '+', '+', '$', '$', '#')
        from openEnd in Gen.Elements(false, true)
        from contentType in Gen.Elements("text/plain", "text/plain", "text/html")
        from withRange in Gen.Elements(true, true, true, true, false)
        select withRange
            ? SendChunk.Of(id, start, new byte[length], total >= start + length - 1 ? total : null, flag, openEnd, contentType)
            : SendChunk.Bare(id, new byte[length], flag, length == 0 ? null : contentType);

    [Property(MaxTest = 500)]
    public Property Whatever_arrives_the_session_holds_no_more_than_its_limits()
        => Prop.ForAll(
            AnyChunk.ArrayOf().ToArbitrary(),
            Gen.Choose(0, 120).ToArbitrary(),
            (chunks, idleAfter) =>
            {
                var reassembly = new MsrpReassembly(Tight);
                var time = Now;
                for (var i = 0; i < chunks.Length; i++)
                {
                    time = time.AddSeconds(1);
                    var outcome = reassembly.Receive(chunks[i], time);
                    if (outcome is MsrpReassemblyOutcome.Complete complete && complete.Body.Length > Tight.MaxMessageSize)
                    {
                        return false.Label($"{i}: a message of {complete.Body.Length} bytes completed");
                    }

                    if (outcome is MsrpReassemblyOutcome.Refused { StatusCode: not (400 or 413) })
                    {
                        return false.Label($"{i}: {SendChunk.Describe(outcome)}");
                    }

                    if (reassembly.HeldBytes > Tight.MaxSessionBytes || reassembly.HeldBytes < 0
                        || reassembly.PartialCount > Tight.MaxPartialMessages
                        || (reassembly.PartialCount == 0 && reassembly.HeldBytes != 0))
                    {
                        return false.Label($"{i}: {reassembly.HeldBytes} bytes in {reassembly.PartialCount} messages");
                    }

                    if (i == idleAfter)
                    {
                        reassembly.DiscardIdle(time, TimeSpan.FromSeconds(5));
                    }
                }

                reassembly.DiscardIdle(time.AddDays(1), TimeSpan.FromSeconds(1));
                return (reassembly.PartialCount == 0 && reassembly.HeldBytes == 0).Label("all discarded");
            });
}
