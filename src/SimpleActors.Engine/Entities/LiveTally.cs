using System.Diagnostics.Metrics;

namespace SimpleActors.Engine.Entities;

/// <summary>
/// What one entity incarnation adds to a node-wide gauge of live things (<see cref="EngineMetrics.Registrations"/>,
/// ...): told the entity's live count after recovery and after every change, it adds the difference; cleared when the
/// incarnation stops, it takes back all it added. The gauge is the sum over the entities in memory on this node.
/// </summary>
public sealed class LiveTally(UpDownCounter<long> gauge)
{
    private long counted;

    /// <summary>What this incarnation has added to the gauge.</summary>
    public long Counted => counted;

    public void Set(long live)
    {
        if (live != counted)
        {
            gauge.Add(live - counted);
            counted = live;
        }
    }

    public void Clear() => Set(0);
}
