using System.Collections;
using Microsoft.Extensions.Configuration;

namespace SimpleActors.Node.Configuration;

/// <summary>Layers the configuration sources of a node, as .NET hosts do.</summary>
public static class NodeConfiguration
{
    /// <summary>The prefix of environment variables: <c>SIMPLEACTORS__Cluster__Port=4054</c>.</summary>
    public const string EnvironmentPrefix = "SIMPLEACTORS__";

    /// <summary>The configuration file, relative to the binary and to the current directory.</summary>
    public static readonly string DefaultConfigFile = Path.Combine("config", "simpleactors.json");

    /// <summary>
    /// Adds, lowest precedence first: the shipped <c>config/simpleactors.json</c>, the one in the
    /// current directory, the <c>--config</c> file, <c>SIMPLEACTORS__</c> environment variables,
    /// <c>--Section:Key=value</c> switches, and the friendly options.
    /// </summary>
    public static IConfigurationBuilder AddNodeSources(this IConfigurationBuilder builder, NodeConfigurationSources sources)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(sources);

        var shipped = Path.GetFullPath(Path.Combine(sources.BaseDirectory, DefaultConfigFile));
        var local = Path.GetFullPath(Path.Combine(sources.CurrentDirectory, DefaultConfigFile));
        builder.AddJsonFile(shipped, optional: true, reloadOnChange: false);
        if (!string.Equals(shipped, local, StringComparison.Ordinal))
        {
            builder.AddJsonFile(local, optional: true, reloadOnChange: false);
        }

        if (sources.ConfigFile is { } configFile)
        {
            var path = Path.GetFullPath(configFile, sources.CurrentDirectory);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The configuration file {path} does not exist.", path);
            }

            builder.AddJsonFile(path, optional: false, reloadOnChange: false);
        }

        builder.AddInMemoryCollection(FromEnvironment(sources.EnvironmentVariables));
        builder.AddCommandLine([.. sources.Switches]);
        builder.AddInMemoryCollection(sources.Overrides);
        return builder;
    }

    /// <summary>
    /// The configuration keys of the <c>SIMPLEACTORS__</c> variables, the prefix removed and
    /// <c>__</c> read as the section separator.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> FromEnvironment(IDictionary variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        foreach (DictionaryEntry entry in variables)
        {
            if (entry.Key is string name
                && name.Length > EnvironmentPrefix.Length
                && name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var key = name[EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
                yield return new KeyValuePair<string, string?>(key, entry.Value as string);
            }
        }
    }

    /// <summary>
    /// The options as <c>run</c> would read them, for the commands that act on a node's configuration (users, presence,
    /// cluster): <paramref name="configFile"/> (their <c>--config</c>) over the sources, lists defaulted. An unreadable
    /// configuration gives the defaults; <c>run</c> reports the problem itself.
    /// </summary>
    public static (SimpleActorsOptions Options, NodeConfigurationSources Sources) ReadOptions(FileInfo? configFile, NodeConfigurationSources? sources = null)
    {
        sources ??= new NodeConfigurationSources();
        if (configFile is not null)
        {
            sources = sources with { ConfigFile = configFile.FullName };
        }

        var options = new SimpleActorsOptions();
        try
        {
            new ConfigurationBuilder().AddNodeSources(sources).Build().Bind(options);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or FormatException or InvalidOperationException)
        {
            // Unreadable configuration: the defaults.
        }

        options.ApplyDefaults();
        return (options, sources);
    }
}
