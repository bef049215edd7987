using SimpleActors.Presence;
using SimpleActors.Presence.PidfDiff;

namespace SimpleActors.Engine.Packages;

/// <summary>
/// The patch directives between two presence documents (<see cref="PidfDiff.Directives"/>), by the digests of
/// the two, shared by every partial subscription of the node: a fan-out sends most watchers of a presentity the same pair
/// (the document they were sent, the new one), so one diff serves them all; only the version wrapper differs per watcher
/// (RFC 5263 section 3). Bounded: past <see cref="Capacity"/> the oldest pair goes. A pair whose directives would not be
/// smaller than the new document is kept as null: those watchers get full state (RFC 5263 section 3).
/// </summary>
public sealed class PidfDiffCache(int capacity)
{
    /// <summary>The node's cache.</summary>
    public static PidfDiffCache Shared { get; } = new(1024);

    private readonly Lock gate = new();
    private readonly Dictionary<(string From, string To), byte[]?> entries = [];
    private readonly Queue<(string From, string To)> order = new();
    private long computed;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>How many diffs were computed (a hit computes none).</summary>
    public long Computed => Interlocked.Read(ref computed);

    /// <summary>The directives from <paramref name="from"/> to <paramref name="to"/>; null when full state is the better NOTIFY.</summary>
    public byte[]? Directives(string fromDigest, byte[] from, string toDigest, byte[] to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var key = (fromDigest, toDigest);
        lock (gate)
        {
            if (entries.TryGetValue(key, out var known))
            {
                return known;
            }
        }

        // Computed outside the lock: two subscriptions may compute the same pair at once, and both get the same answer.
        Interlocked.Increment(ref computed);
        var directives = Compute(from, to);
        lock (gate)
        {
            if (entries.TryAdd(key, directives))
            {
                order.Enqueue(key);
                while (order.Count > Capacity)
                {
                    entries.Remove(order.Dequeue());
                }
            }
        }

        return directives;
    }

    private static byte[]? Compute(byte[] from, byte[] to)
    {
        try
        {
            var directives = PidfDiff.Directives(from, to);
            return directives.Length < to.Length ? directives : null;
        }
        catch (PresenceDocumentException)
        {
            return null; // not both PIDF after all: full state says it right
        }
    }
}
