using System.Collections;

namespace SimpleActors.Node.Configuration;

/// <summary>
/// Everything a node's configuration is read from, lowest precedence first: the JSON files, the
/// environment, the <c>--Section:Key=value</c> switches, and the friendly options of <c>run</c>.
/// </summary>
public sealed record NodeConfigurationSources
{
    /// <summary>An extra JSON file named with <c>--config</c>; it must exist.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>The process environment; only <c>SIMPLEACTORS__</c> variables are read.</summary>
    public IDictionary EnvironmentVariables { get; init; } = Environment.GetEnvironmentVariables();

    /// <summary>Command-line switches in the .NET host style: <c>--Cluster:Port=4054</c> or <c>--Cluster:Port 4054</c>.</summary>
    public IReadOnlyList<string> Switches { get; init; } = [];

    /// <summary>Keys set by friendly options such as <c>--data-dir</c>; these win over everything.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>Where the binary is; its <c>config/simpleactors.json</c> holds the shipped defaults.</summary>
    public string BaseDirectory { get; init; } = AppContext.BaseDirectory;

    /// <summary>The working directory; a <c>config/simpleactors.json</c> here overrides the shipped one.</summary>
    public string CurrentDirectory { get; init; } = Directory.GetCurrentDirectory();
}
