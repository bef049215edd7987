namespace SimpleActors.Integration.Tests;

/// <summary>Metrics run alone: the meters are process-wide, and other tests' nodes would move the same instruments.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsRunAlone
{
    public const string Name = "Metrics";
}
