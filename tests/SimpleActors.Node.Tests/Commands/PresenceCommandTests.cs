using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using SimpleActors.Node.Commands;

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
        Assert.Contains($"admin endpoint {url}/ did not answer", error, StringComparison.Ordinal);
    }
}
