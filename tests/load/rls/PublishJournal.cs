using System.Diagnostics;
using System.Globalization;
using SimpleActors.Load.SipLoad;

namespace SimpleActors.Load.Rls;

/// <summary>
/// The changes published during the load phases, by sequence number (written into the note as <c>pub-NNNNNNN</c>): when
/// each was sent, for which presentity, the last one answered 200 per presentity, and per phase what the subscribers
/// received (NOTIFYs per second, bytes, the latency of every note shown).
/// </summary>
internal sealed class PublishJournal(int presentities, int capacity)
{
    public const string Prefix = "pub-";
    private readonly long[] sentAt = new long[capacity];
    private readonly int[] resourceOf = new int[capacity];
    private readonly int[] lastAcked = new int[presentities];
    private readonly object gate = new();
    private readonly List<double> latencies = [];
    private readonly List<double> publishTimes = [];
    private int sequence;
    private long phaseStart;
    private int[] perSecond = [];
    private long notifies;
    private long notifyBytes;
    private long expected;

    public long Notifies => Interlocked.Read(ref notifies);

    public long NotifyBytes => Interlocked.Read(ref notifyBytes);

    /// <summary>Resource updates the subscribers should see at least once if nothing were coalesced: the lists naming each presentity published.</summary>
    public long ExpectedUpdates => Interlocked.Read(ref expected);

    public static string Note(int seq) => Prefix + seq.ToString("D7", CultureInfo.InvariantCulture);

    public void StartPhase(int seconds)
    {
        lock (gate)
        {
            latencies.Clear();
            publishTimes.Clear();
            perSecond = new int[seconds];
            notifies = notifyBytes = expected = 0;
            phaseStart = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>A new change of <paramref name="resource"/>, sent now: its sequence number.</summary>
    public int Next(int resource)
    {
        var seq = Interlocked.Increment(ref sequence);
        resourceOf[seq] = resource;
        sentAt[seq] = Stopwatch.GetTimestamp();
        return seq;
    }

    public void Answered(int seq, bool ok, double ms, int listed)
    {
        lock (gate)
        {
            publishTimes.Add(ms);
            if (ok)
            {
                lastAcked[resourceOf[seq]] = Math.Max(lastAcked[resourceOf[seq]], seq);
                expected += listed;
            }
        }
    }

    public int ResourceOf(int seq) => resourceOf[seq];

    /// <summary>The last change of <paramref name="resource"/> answered 200, 0 when none was published in the load phases.</summary>
    public int LastAcked(int resource)
    {
        lock (gate)
        {
            return lastAcked[resource];
        }
    }

    /// <summary>A NOTIFY that arrived at <paramref name="at"/> showing the changes <paramref name="seqs"/>.</summary>
    public void Notified(int datagramBytes, long at, List<int> seqs)
    {
        ArgumentNullException.ThrowIfNull(seqs);
        Interlocked.Increment(ref notifies);
        Interlocked.Add(ref notifyBytes, datagramBytes);
        lock (gate)
        {
            var second = (int)((at - phaseStart) / Stopwatch.Frequency);
            if (second >= 0 && second < perSecond.Length)
            {
                perSecond[second]++;
            }

            foreach (var seq in seqs)
            {
                latencies.Add(SipParty.Ms(sentAt[seq], at));
            }
        }
    }

    public List<double> Latencies()
    {
        lock (gate)
        {
            return [.. latencies.Order()];
        }
    }

    public List<double> PublishTimes()
    {
        lock (gate)
        {
            return [.. publishTimes.Order()];
        }
    }

    /// <summary>NOTIFYs received in each second of the phase (the publishing seconds, then the drain).</summary>
    public int[] PerSecond()
    {
        lock (gate)
        {
            return [.. perSecond];
        }
    }
}
