using System.Collections;
using System.CommandLine;
using SimpleActors.Edge.Auth;
using SimpleActors.Node.Commands;
using SimpleActors.Node.Configuration;

namespace SimpleActors.Node.Tests.Commands;

/// <summary><c>simpleactors user add|remove|list</c> on a temporary credentials file, through the real command line.</summary>
public class UserCommandTests
{
    private static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CommandLine.Create().Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Add_then_list_shows_the_user_and_its_algorithms_but_no_hash()
    {
        using var temp = new TemporaryDirectory();
        var file = Path.Combine(temp.Path, "users.json");

        var add = await Run("user", "add", "sip:alice@example.com", "--password", "alice-secret", "--file", file);
        var list = await Run("user", "list", "--file", file);

        Assert.Equal(0, add.ExitCode);
        Assert.Contains("added sip:alice@example.com", add.Output, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        Assert.Equal("sip:alice@example.com  SHA-256,MD5", list.Output.Trim());
        var user = Assert.Single(UsersFile.Read(file).Users);
        Assert.DoesNotContain(user.Ha1["MD5"], list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_password_is_never_written_only_its_ha1s()
    {
        using var temp = new TemporaryDirectory();
        var file = Path.Combine(temp.Path, "users.json");

        await Run("user", "add", "sip:bob@example.com", "--password", "Tr0ub4dor&3", "--file", file);

        var text = File.ReadAllText(file);
        Assert.DoesNotContain("Tr0ub4dor", text, StringComparison.Ordinal);
        Assert.Equal(StoredUser.Create("sip:bob@example.com", "Tr0ub4dor&3").Ha1, UsersFile.Read(file).Users[0].Ha1);
    }

    [Fact]
    public async Task Add_and_remove_leave_the_file_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var temp = new TemporaryDirectory();
        var file = Path.Combine(temp.Path, "users.json");
        await Run("user", "add", "sip:alice@example.com", "--password", "a", "--file", file);
        var created = File.GetUnixFileMode(file);
        // As a fresh clone leaves the shipped file, or an editor a new one: readable by everyone.
        File.SetUnixFileMode(file, created | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await Run("user", "add", "sip:bob@example.com", "--password", "b", "--file", file);
        var afterAdd = File.GetUnixFileMode(file);
        File.SetUnixFileMode(file, afterAdd | UnixFileMode.OtherRead);
        await Run("user", "remove", "sip:bob@example.com", "--file", file);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, created);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, afterAdd);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task Add_canonicalises_the_aor_and_a_second_add_updates_the_password()
    {
        using var temp = new TemporaryDirectory();
        var file = Path.Combine(temp.Path, "users.json");

        await Run("user", "add", "sip:carol@EXAMPLE.com;transport=tcp", "--password", "one", "--file", file);
        var second = await Run("user", "add", "sip:carol@example.com", "--password", "two", "--file", file);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("updated sip:carol@example.com", second.Output, StringComparison.Ordinal);
        var carol = Assert.Single(UsersFile.Read(file).Users);
        Assert.Equal("sip:carol@example.com", carol.Aor);
        Assert.Equal(StoredUser.Create("sip:carol@example.com", "two").Ha1, carol.Ha1);
    }

    [Fact]
    public async Task List_json_prints_the_file_with_its_hashes()
    {
        using var temp = new TemporaryDirectory();
        var file = Path.Combine(temp.Path, "users.json");
        await Run("user", "add", "sip:alice@example.com", "--password", "a", "--file", file);

        var list = await Run("user", "list", "--json", "--file", file);

        Assert.Equal(0, list.ExitCode);
        Assert.Equal(UsersFile.Read(file).Users[0].Ha1["SHA-256"], UsersFile.Parse(list.Output).Users[0].Ha1["SHA-256"]);
    }

    [Fact]
    public async Task Remove_deletes_a_user_and_fails_with_1_for_an_unknown_one()
    {
        using var temp = new TemporaryDirectory();
        var file = Path.Combine(temp.Path, "users.json");
        await Run("user", "add", "sip:alice@example.com", "--password", "a", "--file", file);
        await Run("user", "add", "sip:bob@example.com", "--password", "b", "--file", file);

        var removed = await Run("user", "remove", "sip:alice@EXAMPLE.com", "--file", file);
        var again = await Run("user", "remove", "sip:alice@example.com", "--file", file);

        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("no user sip:alice@example.com", again.Error, StringComparison.Ordinal);
        Assert.Equal(["sip:bob@example.com"], UsersFile.Read(file).Users.Select(u => u.Aor));
    }

    [Theory]
    [InlineData("user", "add", "alice@example.com", "--password", "x")]
    [InlineData("user", "add", "sip:example.com", "--password", "x")]
    [InlineData("user", "add", "tel:+15551234", "--password", "x")]
    [InlineData("user", "add", "sip:alice@example.com")]
    [InlineData("user", "add", "sip:alice@example.com", "--password", "")]
    [InlineData("user", "add", "--password", "x")]
    [InlineData("user", "add", "sip:alice@example.com", "--password", "x", "--bogus")]
    [InlineData("user", "remove", "not-an-aor")]
    [InlineData("user", "remove")]
    [InlineData("user", "list", "extra")]
    public async Task Bad_input_exits_with_2_and_changes_nothing(params string[] args)
    {
        using var temp = new TemporaryDirectory();
        var file = Path.Combine(temp.Path, "users.json");

        var result = await Run([.. args, "--file", file]);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEmpty(result.Error);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task A_malformed_file_is_reported_and_left_alone()
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Write("users.json", "{ \"users\": [ { \"aor\": 1 } ] }");

        var add = await Run("user", "add", "sip:alice@example.com", "--password", "a", "--file", file);
        var list = await Run("user", "list", "--file", file);

        Assert.Equal(2, add.ExitCode);
        Assert.Contains(file, add.Error, StringComparison.Ordinal);
        Assert.Equal(2, list.ExitCode);
        Assert.Equal("{ \"users\": [ { \"aor\": 1 } ] }", File.ReadAllText(file));
    }

    [Fact]
    public async Task Adding_a_user_of_a_domain_not_served_warns_but_succeeds()
    {
        using var temp = new TemporaryDirectory();
        var file = Path.Combine(temp.Path, "users.json");

        var result = UserCommand.Add(file, "sip:dave@example.org", "d", ["example.com"], TextWriter.Null, new StringWriter());
        using var error = new StringWriter();
        var again = UserCommand.Add(file, "sip:dave@example.org", "d", ["example.com"], TextWriter.Null, error);
        var served = UserCommand.Add(file, "sip:erin@example.com", "e", ["example.com"], TextWriter.Null, error);

        Assert.Equal(0, result);
        Assert.Equal(0, again);
        Assert.Equal(0, served);
        Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("warning: example.org is not a served domain", StringComparison.Ordinal));
        Assert.Equal(2, (await Run("user", "list", "--file", file)).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void The_default_file_is_auth_users_file_from_the_configuration_relative_to_the_current_directory()
    {
        using var temp = new TemporaryDirectory();
        var sources = new NodeConfigurationSources
        {
            BaseDirectory = Path.Combine(temp.Path, "bin"),
            CurrentDirectory = Path.Combine(temp.Path, "cwd"),
            EnvironmentVariables = new Hashtable(),
        };

        var (defaultFile, defaultDomains) = UserCommand.Resolve(null, null, sources);
        temp.Write("cwd/config/simpleactors.json", """{ "Auth": { "UsersFile": "secrets/users.json" }, "Domains": [ "example.net" ] }""");
        var (configured, domains) = UserCommand.Resolve(null, null, sources);
        var (explicitFile, _) = UserCommand.Resolve(null, new FileInfo(Path.Combine(temp.Path, "elsewhere.json")), sources);

        Assert.Equal(Path.Combine(temp.Path, "cwd", "config", "users.json"), defaultFile);
        Assert.Equal(["example.com"], defaultDomains);
        Assert.Equal(Path.Combine(temp.Path, "cwd", "secrets", "users.json"), configured);
        Assert.Equal(["example.net"], domains);
        Assert.Equal(Path.Combine(temp.Path, "elsewhere.json"), explicitFile);
    }

    [Fact]
    public async Task User_is_a_subcommand_with_add_remove_and_list()
    {
        var help = await Run("user", "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("add <AOR>", help.Output, StringComparison.Ordinal);
        Assert.Contains("remove <AOR>", help.Output, StringComparison.Ordinal);
        Assert.Contains("list", help.Output, StringComparison.Ordinal);
    }
}
