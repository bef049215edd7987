namespace SimpleActors.Engine.Tests.Metrics;

/// <summary>
/// Meters are process-wide: tests that count what entities measure run alone, after the others, so that no other
/// test's entities move the same instruments meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsRunAlone
{
    public const string Name = "Metrics";
}
