using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SimpleActors.Engine;

/// <summary>
/// What the engine measures for operators (meter <c>SimpleActors.Engine</c>, exported by the node on <c>/metrics</c>):
/// NOTIFYs sent and how long each waits for its final response, the live registrations, publications and
/// subscriptions held on this node, and how long the journal takes to write a batch.
/// </summary>
public static class EngineMetrics
{
    public const string MeterName = "SimpleActors.Engine";

    private static readonly Meter Meter = new(MeterName);

    // Milliseconds, from a local SQLite commit (a millisecond or less) to a NOTIFY over a congested network.
    private static readonly double[] MillisecondBuckets = [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 32000];

    private static readonly Counter<long> NotifiesSent = Meter.CreateCounter<long>(
        "sip.notify.sent", "{request}", "NOTIFY requests sent by subscriptions, by event package");

    private static readonly Histogram<double> NotifyLatency = Meter.CreateHistogram(
        "sip.notify.latency", "ms", "Time from a subscription sending a NOTIFY to the NOTIFY's final response reaching it, by event package",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MillisecondBuckets });

    private static readonly Histogram<double> JournalWrite = Meter.CreateHistogram(
        "simpleactors.journal.write.duration", "ms", "Time to write one batch of events to the journal (one transaction, one commit)",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MillisecondBuckets });

    /// <summary>Addresses of record with at least one binding, held by the Registration entities on this node.</summary>
    public static readonly UpDownCounter<long> Registrations = Meter.CreateUpDownCounter<long>(
        "simpleactors.registrations.active", "{registration}", "Addresses of record with at least one unexpired binding, in memory on this node");

    /// <summary>Publications (one per entity-tag) held by the Presentity entities on this node.</summary>
    public static readonly UpDownCounter<long> Publications = Meter.CreateUpDownCounter<long>(
        "simpleactors.publications.active", "{publication}", "Unexpired publications (one per entity-tag), in memory on this node");

    /// <summary>Live Subscription entities awake on this node (a sleeping subscription is in the journal only).</summary>
    public static readonly UpDownCounter<long> Subscriptions = Meter.CreateUpDownCounter<long>(
        "simpleactors.subscriptions.active", "{subscription}", "Live subscriptions awake in memory on this node");

    /// <summary>Pager messages stored for offline users, held by the Mailbox entities on this node.</summary>
    public static readonly UpDownCounter<long> StoredMessages = Meter.CreateUpDownCounter<long>(
        "simpleactors.messages.stored", "{message}", "Pager messages stored for offline users and not yet delivered or expired, in memory on this node");

    /// <summary>A NOTIFY leaves the subscription for the edge; returns its start time for <see cref="NotifyAnswered"/>.</summary>
    public static long NotifySent(string package)
    {
        NotifiesSent.Add(1, new KeyValuePair<string, object?>("event", package));
        return Stopwatch.GetTimestamp();
    }

    /// <summary>The final response to a NOTIFY sent at <paramref name="sentAt"/> (Stopwatch ticks) has come back.</summary>
    public static void NotifyAnswered(string package, long sentAt)
    {
        if (NotifyLatency.Enabled)
        {
            NotifyLatency.Record(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds, new KeyValuePair<string, object?>("event", package));
        }
    }

    /// <summary>A journal batch begun at <paramref name="startedAt"/> (Stopwatch ticks) committed, or failed.</summary>
    public static void JournalWritten(long startedAt, bool committed)
    {
        if (JournalWrite.Enabled)
        {
            JournalWrite.Record(
                Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, new KeyValuePair<string, object?>("outcome", committed ? "committed" : "failed"));
        }
    }
}
