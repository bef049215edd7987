using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SimpleActors.Node.Commands;

namespace SimpleActors.Node.Tests.Commands;

/// <summary><c>simpleactors cluster</c> against a real node in this process (<see cref="LabNode"/>).</summary>
public class ClusterCommandTests(LabNode node) : IClassFixture<LabNode>
{
    private Task<(int ExitCode, string Output, string Error)> Run(params string[] args) => RunAt(node, args);

    private static async Task<(int ExitCode, string Output, string Error)> RunAt(LabNode at, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] endpoint = ["--url", at.Admin.ToString(), "--token", LabNode.AdminToken];
        var exitCode = await CommandLine.Create().Parse(["cluster", .. args, .. endpoint])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The cells of the table row that contains <paramref name="text"/>.</summary>
    private static string[] RowWith(string table, string text)
    {
        var line = table.Split('\n').Single(l => l.Contains(text, StringComparison.Ordinal));
        return [.. line.Split(['|', '│'], StringSplitOptions.TrimEntries).Where(cell => cell.Length > 0)];
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Status_shows_the_node_Up_with_roles_core_and_edge_as_self_and_leader_and_ready()
    {
        var (exitCode, output, error) = await Run("status");

        Assert.True(exitCode == ClusterCommand.Ok, error);
        Assert.Equal([node.Address, "Up", "core, edge", "yes", "self, leader"], RowWith(output, node.Address));
        Assert.Contains("ready: healthy (cluster ok, journal ok, sip ok)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_json_is_one_object_with_the_members_and_the_readiness()
    {
        var (exitCode, output, error) = await Run("status", "--json");

        Assert.True(exitCode == ClusterCommand.Ok, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(node.Address, root.GetProperty("self").GetString());
        Assert.Equal(node.Address, root.GetProperty("leader").GetString());
        var member = Assert.Single(root.GetProperty("members").EnumerateArray());
        Assert.Equal(node.Address, member.GetProperty("address").GetString());
        Assert.Equal("Up", member.GetProperty("status").GetString());
        Assert.Equal(["core", "edge"], member.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(member.GetProperty("self").GetBoolean());
        Assert.Equal("healthy", root.GetProperty("health").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Shards_count_the_registration_entity_of_a_user_who_registered_on_this_node()
    {
        Assert.Equal("SIP/2.0 200 OK", await node.RegisterAsync("sip:shards-table@example.com"));

        var (exitCode, output, error) = await Run("shards");

        Assert.True(exitCode == ClusterCommand.Ok, error);
        var row = RowWith(output, "registration");
        Assert.Equal(node.Address, row[1]);
        Assert.True(int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture) >= 1, output);
        Assert.True(int.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture) >= 1, output);
        foreach (var type in new[] { "mailbox", "presentity", "subscription", "total" })
        {
            Assert.Contains(type, output, StringComparison.Ordinal);
        }

        Assert.Contains("every region answered", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shards_json_is_the_endpoints_answer_with_the_four_entity_types()
    {
        Assert.Equal("SIP/2.0 200 OK", await node.RegisterAsync("sip:shards-json@example.com"));

        var (exitCode, output, error) = await Run("shards", "--json");

        Assert.True(exitCode == ClusterCommand.Ok, error);
        using var json = JsonDocument.Parse(output);
        var types = json.RootElement.GetProperty("types").EnumerateArray().ToDictionary(t => t.GetProperty("type").GetString()!);
        Assert.Equal(["mailbox", "presentity", "registration", "subscription"], types.Keys.Order(StringComparer.Ordinal));
        Assert.True(types["registration"].GetProperty("entities").GetInt32() >= 1, output);
        Assert.Empty(json.RootElement.GetProperty("failed").EnumerateArray());
    }

    [Fact]
    public async Task Leave_of_a_second_node_by_host_and_port_removes_it_from_the_cluster()
    {
        // A cluster of its own: the shared node stays alone, whatever order the tests run in.
        await using var first = new LabNode();
        await first.InitializeAsync();
        await using var second = await LabNode.JoinAsync(first);
        var hostAndPort = second.Address[(second.Address.IndexOf('@', StringComparison.Ordinal) + 1)..];
        Assert.Contains(second.Address, (await RunAt(first, "status")).Output, StringComparison.Ordinal);

        var (exitCode, output, error) = await RunAt(first, "leave", hostAndPort);

        Assert.True(exitCode == ClusterCommand.Ok, error);
        Assert.Equal($"{second.Address}: asked to leave; it hands its shards over, then goes Leaving, Exiting, Removed.", output.TrimEnd());
        using var removed = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((await RunAt(first, "status")).Output.Contains(second.Address, StringComparison.Ordinal))
        {
            await Task.Delay(200, removed.Token);
        }
    }

    [Theory]
    [InlineData("leave")]
    [InlineData("down")]
    public async Task An_address_that_is_no_member_is_exit_code_1_with_the_endpoints_404(string action)
    {
        var (exitCode, output, error) = await Run(action, "127.0.0.1:1");

        Assert.Equal(ClusterCommand.Failed, exitCode);
        Assert.Contains("404", error, StringComparison.Ordinal);
        Assert.Contains("no cluster member 127.0.0.1:1", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task A_blank_member_is_bad_input_and_nothing_is_sent()
    {
        var (exitCode, _, error) = await Run("leave", " ");

        Assert.Equal(ClusterCommand.BadInput, exitCode);
        Assert.Contains("host:port", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_is_exit_code_1_with_401()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CommandLine.Create().Parse(["cluster", "status", "--url", node.Admin.ToString(), "--token", "not-the-token"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });

        Assert.Equal(ClusterCommand.Failed, exitCode);
        Assert.Contains("401", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Theory]
    [InlineData("status")]
    [InlineData("shards")]
    public async Task A_node_that_does_not_answer_is_exit_code_1_with_the_address_named(string subcommand)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var url = $"http://127.0.0.1:{ClosedPort()}";

        var exitCode = await CommandLine.Create().Parse(["cluster", subcommand, "--url", url, "--token", "t"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });

        Assert.Equal(ClusterCommand.Failed, exitCode);
        Assert.Contains($"admin endpoint {url}/ did not answer", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_data_dir_option_reads_the_token_the_node_wrote_to_its_data_directory()
    {
        using var folder = new TemporaryDirectory();
        folder.Write("node/admin-token", LabNode.AdminToken + "\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CommandLine.Create().Parse(["cluster", "status", "--url", node.Admin.ToString(), "--data-dir", Path.Combine(folder.Path, "node")])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });

        Assert.True(exitCode == ClusterCommand.Ok, error.ToString());
        Assert.Contains(node.Address, output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("shards")]
    [InlineData("leave")]
    [InlineData("down")]
    public async Task Without_a_token_the_command_names_the_file_it_looked_for_and_how_to_name_the_node(string subcommand)
    {
        using var folder = new TemporaryDirectory();
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] member = subcommand is "leave" or "down" ? ["127.0.0.1:4099"] : [];

        var exitCode = await CommandLine.Create().Parse(["cluster", subcommand, .. member, "--url", node.Admin.ToString(), "--data-dir", folder.Path])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });

        Assert.Equal(ClusterCommand.BadInput, exitCode);
        Assert.Contains($"no admin token: {Path.Combine(folder.Path, "admin-token")} does not exist", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--data-dir", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }
}
