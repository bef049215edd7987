using System.Collections;
using Microsoft.Extensions.Configuration;
using SimpleActors.Engine.Persistence;
using SimpleActors.Node.Configuration;

namespace SimpleActors.Node.Tests.Configuration;

public class NodeConfigurationTests
{
    private const string ShippedJson = """
        {
          "Domains": [ "shipped.example" ],
          "Cluster": { "Hostname": "10.1.1.1", "Port": 4101, "ShardCount": 100 },
          "Sip": { "Limits": { "MaxHeaderCount": 50 } }
        }
        """;

    private static SimpleActorsOptions Bind(NodeConfigurationSources sources)
    {
        var configuration = new ConfigurationBuilder().AddNodeSources(sources).Build();
        var options = new SimpleActorsOptions();
        configuration.Bind(options);
        options.ApplyDefaults();
        return options;
    }

    private static NodeConfigurationSources Sources(TemporaryDirectory temp) => new()
    {
        BaseDirectory = Path.Combine(temp.Path, "bin"),
        CurrentDirectory = Path.Combine(temp.Path, "cwd"),
        EnvironmentVariables = new Hashtable(),
    };

    [Fact]
    public void Without_any_source_the_defaults_apply()
    {
        using var temp = new TemporaryDirectory();

        var options = Bind(Sources(temp));

        Assert.Equal(["example.com"], options.Domains);
        Assert.Equal("127.0.0.1", options.Cluster.Hostname);
        Assert.Equal(4053, options.Cluster.Port);
        Assert.Equal(["edge", "core"], options.Cluster.Roles);
        Assert.Empty(options.Cluster.Seeds);
        Assert.Equal(256, options.Cluster.ShardCount);
        Assert.Equal(PersistenceProvider.Sqlite, options.Persistence.Provider);
        Assert.Equal("data", options.DataDirectory);
        Assert.Equal(65536, options.Sip.Limits.MaxMessageSize);
        Assert.Empty(options.Sip.Listeners);
    }

    [Fact]
    public void The_current_directory_file_overrides_the_shipped_file_key_by_key()
    {
        using var temp = new TemporaryDirectory();
        temp.Write("bin/config/simpleactors.json", ShippedJson);
        temp.Write("cwd/config/simpleactors.json", """{ "Cluster": { "Port": 4202 } }""");

        var options = Bind(Sources(temp));

        Assert.Equal(4202, options.Cluster.Port);
        Assert.Equal("10.1.1.1", options.Cluster.Hostname);
        Assert.Equal(100, options.Cluster.ShardCount);
        Assert.Equal(50, options.Sip.Limits.MaxHeaderCount);
    }

    [Fact]
    public void Environment_overrides_files_switches_override_environment_and_friendly_options_override_switches()
    {
        using var temp = new TemporaryDirectory();
        temp.Write("bin/config/simpleactors.json", ShippedJson);
        var extra = temp.Write("extra.json", """{ "Cluster": { "ShardCount": 300, "Port": 4300 } }""");
        var sources = Sources(temp) with
        {
            ConfigFile = extra,
            EnvironmentVariables = new Hashtable
            {
                ["SIMPLEACTORS__Cluster__Port"] = "4401",
                ["SIMPLEACTORS__Cluster__Hostname"] = "10.4.4.4",
                ["SIMPLEACTORS__DataDirectory"] = "/env/data",
                ["OTHER__Cluster__Port"] = "1",
            },
            Switches = ["--Cluster:Port=4502", "--DataDirectory", "/switch/data"],
            Overrides = new Dictionary<string, string?> { ["DataDirectory"] = "/friendly/data" },
        };

        var options = Bind(sources);

        Assert.Equal(300, options.Cluster.ShardCount);          // --config file over shipped file
        Assert.Equal("10.4.4.4", options.Cluster.Hostname);     // environment over files
        Assert.Equal(4502, options.Cluster.Port);               // switch over environment
        Assert.Equal("/friendly/data", options.DataDirectory);  // --data-dir over switch
        Assert.Equal(50, options.Sip.Limits.MaxHeaderCount);    // untouched keys keep the file's value
    }

    [Fact]
    public void Configured_lists_replace_the_default_lists()
    {
        using var temp = new TemporaryDirectory();
        var sources = Sources(temp) with
        {
            EnvironmentVariables = new Hashtable { ["SIMPLEACTORS__Domains__0"] = "a.example" },
            Switches = ["--Domains:1=b.example", "--Cluster:Roles:0=core", "--Cluster:Seeds:0=akka.tcp://simpleactors@10.0.0.1:4053"],
        };

        var options = Bind(sources);

        Assert.Equal(["a.example", "b.example"], options.Domains);
        Assert.Equal(["core"], options.Cluster.Roles);
        Assert.Equal(["akka.tcp://simpleactors@10.0.0.1:4053"], options.Cluster.Seeds);
    }

    [Fact]
    public void PostgreSql_is_selected_from_configuration()
    {
        using var temp = new TemporaryDirectory();
        var sources = Sources(temp) with
        {
            EnvironmentVariables = new Hashtable
            {
                ["SIMPLEACTORS__Persistence__Provider"] = "PostgreSql",
                ["SIMPLEACTORS__Persistence__ConnectionString"] = "Host=db;Database=simpleactors",
            },
        };

        var options = Bind(sources);
        var store = JournalStore.From(options.Persistence, options.DataDirectory);

        Assert.Equal(PersistenceProvider.PostgreSql, options.Persistence.Provider);
    }

    [Fact]
    public void A_missing_config_file_named_on_the_command_line_is_an_error()
    {
        using var temp = new TemporaryDirectory();
        var sources = Sources(temp) with { ConfigFile = "nowhere.json" };

        var error = Assert.Throws<FileNotFoundException>(() => new ConfigurationBuilder().AddNodeSources(sources));

        Assert.Contains("nowhere.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sip_listeners_bind_from_configuration()
    {
        using var temp = new TemporaryDirectory();
        temp.Write("cwd/config/simpleactors.json", """
            { "Sip": { "Listeners": [ { "Transport": "Tcp", "Address": "0.0.0.0", "Port": 5070 } ] } }
            """);

        var options = Bind(Sources(temp));

        var listener = Assert.Single(options.Sip.Listeners);
        Assert.Equal(Sip.Transport.SipTransport.Tcp, listener.Transport);
        Assert.Equal("0.0.0.0:5070", listener.EndPoint?.ToString());
    }
}
