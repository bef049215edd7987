using System.Collections;
using Microsoft.Extensions.Configuration;
using SimpleActors.Node.Configuration;

namespace SimpleActors.Node.Tests.Configuration;

/// <summary>The <c>Auth</c> section: bound with the rest, validated with the rest, switched off by <c>run --no-auth</c>.</summary>
public class AuthConfigurationTests
{
    private static SimpleActorsOptions Bind(TemporaryDirectory temp, params string[] switches)
    {
        var sources = new NodeConfigurationSources
        {
            BaseDirectory = Path.Combine(temp.Path, "bin"),
            CurrentDirectory = Path.Combine(temp.Path, "cwd"),
            EnvironmentVariables = new Hashtable(),
            Switches = switches,
        };
        var options = new SimpleActorsOptions();
        new ConfigurationBuilder().AddNodeSources(sources).Build().Bind(options);
        options.ApplyDefaults();
        return options;
    }

    [Fact]
    public void The_auth_section_is_bound()
    {
        using var temp = new TemporaryDirectory();
        temp.Write("cwd/config/simpleactors.json", """
            { "Auth": { "Enabled": false, "UsersFile": "/etc/simpleactors/users.json", "NonceLifetime": "00:01:30", "Secret": "0123456789abcdef0123" } }
            """);

        var auth = Bind(temp).Auth;

        Assert.False(auth.Enabled);
        Assert.Equal("/etc/simpleactors/users.json", auth.UsersFile);
        Assert.Equal(TimeSpan.FromSeconds(90), auth.NonceLifetime);
        Assert.Equal("0123456789abcdef0123", auth.Secret);
    }

    [Fact]
    public void The_shipped_configuration_enables_auth_with_the_demo_users()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "config", "simpleactors.json");
        var options = new SimpleActorsOptions();
        new ConfigurationBuilder().AddJsonFile(shipped).Build().Bind(options);

        Assert.True(options.Auth.Enabled);
        Assert.Equal("config/users.json", options.Auth.UsersFile);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Auth.NonceLifetime);
        Assert.True(string.IsNullOrEmpty(options.Auth.Secret));
    }

    [Fact]
    public void Invalid_auth_settings_fail_validation_with_their_keys()
    {
        using var temp = new TemporaryDirectory();

        var options = Bind(temp, "--Auth:NonceLifetime=00:00:00", "--Auth:Secret=short");
        var result = new SimpleActorsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:NonceLifetime", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:Secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_accepts_no_auth()
    {
        var parse = CommandLine.Create().Parse(["run", "--no-auth"]);

        Assert.Empty(parse.Errors);
        Assert.Contains(parse.CommandResult.Command.Options, o => o.Name == "--no-auth");
    }
}
