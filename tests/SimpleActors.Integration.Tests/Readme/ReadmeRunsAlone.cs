namespace SimpleActors.Integration.Tests.Readme;

/// <summary>
/// The README walkthrough runs alone: its servers use the fixed ports the README names, which no other test uses, and
/// its builds and cluster should not compete with other tests of this assembly.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReadmeRunsAlone
{
    public const string Name = "Readme";
}
