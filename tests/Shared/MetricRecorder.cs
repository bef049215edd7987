using System.Diagnostics.Metrics;

namespace SimpleActors.Tests.Shared;

/// <summary>(Shared by the Edge and Engine tests, linked into both.) Records the measurements of one meter's instruments, as an exporter would hear them (a real MeterListener).</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<Recorded> measurements = [];

    public MetricRecorder(string meterName)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
        listener.Start();
    }

    public IReadOnlyList<Recorded> Of(string instrument)
    {
        lock (measurements)
        {
            return [.. measurements.Where(m => m.Instrument == instrument)];
        }
    }

    /// <summary>The sum of the instrument's measurements: a counter's count, an up-down counter's value since recording began.</summary>
    public double Sum(string instrument) => Of(instrument).Sum(m => m.Value);

    public void Dispose() => listener.Dispose();

    private void Add(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var recorded = new Recorded(instrument, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value));
        lock (measurements)
        {
            measurements.Add(recorded);
        }
    }

    internal sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
}
