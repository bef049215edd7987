using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using SimpleActors.Node.Commands;
using SimpleActors.Node.Configuration;

namespace SimpleActors.Node.Tests.Commands;

public class PresenceCommandTests
{
    private static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CommandLine.Create().Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });
        return (exitCode, output.ToString(), error.ToString());
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_decision_that_is_not_allow_block_or_polite_block_is_refused_by_the_parser()
    {
        var (exitCode, _, error) = await Run("presence", "authorize", "sip:alice@example.com", "sip:bob@example.com", "maybe", "--token", "t");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("maybe", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_does_not_answer_is_exit_code_1_with_the_address_named()
    {
        var url = $"http://127.0.0.1:{ClosedPort()}";

        var (exitCode, _, error) = await Run("presence", "authorize", "sip:alice@example.com", "sip:bob@example.com", "allow", "--url", url, "--token", "t");

        Assert.Equal(PresenceCommand.Failed, exitCode);
        Assert.Contains(url, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_token_comes_from_the_option_then_the_configuration_then_the_nodes_token_file()
    {
        var folder = Directory.CreateTempSubdirectory("simpleactors-admin-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "data"));
            File.WriteAllText(Path.Combine(folder, "data", "admin-token"), "from-file\n");
            var sources = new NodeConfigurationSources { CurrentDirectory = folder, EnvironmentVariables = new System.Collections.Hashtable() };

            var fromFile = PresenceCommand.Resolve(null, null, null, sources);
            var fromOption = PresenceCommand.Resolve(null, null, "from-option", sources);

            Assert.Equal("from-file", fromFile.Token);
            Assert.Equal(new Uri("http://127.0.0.1:8090"), fromFile.Endpoint);
            Assert.Equal("from-option", fromOption.Token);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
