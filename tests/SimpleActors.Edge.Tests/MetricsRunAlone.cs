namespace SimpleActors.Edge.Tests;

/// <summary>
/// Meters are process-wide: tests that count what the edge measures run alone, after the others, so that no other
/// test moves the same instruments meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsRunAlone
{
    public const string Name = "Metrics";
}
