using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SimpleActors.Edge.Transactions;

/// <summary>
/// The server's own measure of how long it takes to answer (meter <c>SimpleActors.Edge</c>, readable with
/// <c>dotnet-counters</c> and any OpenTelemetry exporter): from a new request's arrival to the first final response
/// its server transaction sends, in milliseconds, by method. Finer than SIPp's response-time clock, which resolves
/// only a few milliseconds on the load machine.
/// </summary>
internal static class ServerTransactionMetrics
{
    private static readonly Histogram<double> Duration = EdgeMetrics.Meter.CreateHistogram<double>(
        "simpleactors.sip.server.duration", "ms", "Time from a request's arrival to its final response");

    /// <summary>Records the answer of <paramref name="method"/> begun at <paramref name="startedAt"/> (Stopwatch ticks).</summary>
    public static void Answered(string method, long startedAt)
    {
        if (Duration.Enabled)
        {
            Duration.Record(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, new KeyValuePair<string, object?>("method", method));
        }
    }
}
