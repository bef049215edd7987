using System.Globalization;
using System.Net;
using System.Text.Json;
using Npgsql;
using SimpleActors.Tests.Shared;

namespace SimpleActors.Integration.Tests.Readme;

/// <summary>
/// The README's commands in the order a reader runs them, each run as written in a <see cref="ReadmeClone"/> and checked
/// for what the README says it does. The servers use the ports the README names (5060, 5061, 8080, 8443, 8090, 4053; the
/// cluster 5060-5067, 8080-8743, 8081-8084, 4053-4056), so the walk runs alone (<see cref="ReadmeRunsAlone"/>) and waits for a port
/// another program holds for a moment. The two commands that cannot run inside a test, the test command itself and
/// the load suite's smoke run (minutes, with Kamailio), are run by CI as written (<see cref="RunByCi"/>). The build
/// steps (<c>build.ps1 build</c>, <c>run</c>, <c>bench</c>, <c>cluster-up</c>) find the Release build that the test command
/// made just before and take seconds, unless the sources changed since.
/// </summary>
internal sealed class ReadmeWalk(ReadmeClone clone) : IDisposable
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Build = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan NodeStart = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan NodeStop = TimeSpan.FromSeconds(90);
    private const string NodeUp = "SimpleActors node up";
    private const string NodeStopped = "SimpleActors node stopped";
    private const string DavePassword = "n3w-s3cret";

    private readonly List<ShellCommand> started = [];
    private ShellCommand? server;
    private ShellCommand? fourthNode;
    private bool clusterUp;

    /// <summary>The README commands that CI runs as written (.ci/run), and this walk does not.</summary>
    public static IReadOnlyList<string> RunByCi { get; } =
    [
        "dotnet tool restore && dotnet pwsh ./build.ps1 test",
        "dotnet pwsh ./build.ps1 load --smoke --target all",
    ];

    public static IReadOnlyList<ReadmeStep> Steps { get; } =
    [
        ReadmeStep.Of("./simpleactors --help", async (walk, command) =>
        {
            var output = await walk.SucceedsAsync(command, Build);
            Assert.All(new[] { "run", "user", "presence", "history", "cluster", "sip" }, name => Assert.Contains($"  {name} ", output, StringComparison.Ordinal));
        }),
        ReadmeStep.Of("./simpleactors --version", async (walk, command) =>
            Assert.Matches(@"^\d+\.\d+\.\d+", await walk.SucceedsAsync(command))),
        ReadmeStep.Of("./simpleactors run --help", async (walk, command) =>
        {
            var output = await walk.SucceedsAsync(command);
            Assert.All(new[] { "--config", "--data-dir", "--hostname", "--port", "--no-auth" }, option => Assert.Contains(option, output, StringComparison.Ordinal));
        }),

        // Users: the clone's config/users.json, which the quick start's server then reads.
        ReadmeStep.Of("./simpleactors user add sip:dave@example.com --password 's3cret'", async (walk, command) =>
        {
            await walk.SucceedsAsync(command);
            Assert.Contains("sip:dave@example.com", File.ReadAllText(walk.Clone.File("config/users.json")), StringComparison.Ordinal);
        }),
        ReadmeStep.Of("./simpleactors user add sip:dave@example.com --password -", (walk, command) => walk.SucceedsAsync(command, input: DavePassword + "\n")),
        ReadmeStep.Of("./simpleactors user remove sip:alice@example.com", (walk, command) => walk.SucceedsAsync(command)),
        ReadmeStep.Of("./simpleactors user list", async (walk, command) =>
        {
            var output = await walk.SucceedsAsync(command);
            Assert.Contains("sip:dave@example.com", output, StringComparison.Ordinal);
            Assert.Contains("sip:bob@example.com", output, StringComparison.Ordinal);
            Assert.DoesNotContain("sip:alice@example.com", output, StringComparison.Ordinal);
        }),
        ReadmeStep.Of("./simpleactors user list --json", async (walk, command) =>
        {
            using var users = JsonDocument.Parse(await walk.SucceedsAsync(command));
            Assert.Contains("sip:dave@example.com", users.RootElement.GetRawText(), StringComparison.Ordinal);
        }),

        ReadmeStep.Of(
            "./simpleactors sip lint tests/SimpleActors.Sip.Tests/Vectors/sip-torture/wsinv.dat tests/SimpleActors.Sip.Tests/Vectors/sip-torture/badvers.dat",
            async (walk, command) =>
            {
                var (exitCode, output) = await walk.Clone.RunAsync(command, Short);
                Assert.True(exitCode == 1, $"exit code {exitCode}, 1 expected (one invalid message):\n{output}");
                Assert.Contains("INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0", output, StringComparison.Ordinal);
                Assert.Contains("invalid: 505 SIP version not supported", output, StringComparison.Ordinal);
            }),

        // The development certificate the quick start's server then serves TLS and WSS with.
        ReadmeStep.Of("./simpleactors cert dev", async (walk, command) =>
        {
            var output = await walk.SucceedsAsync(command);
            Assert.Contains("ca.pem", output, StringComparison.Ordinal);
            Assert.All(new[] { "ca.pem", "server.pem", "server-key.pem" }, file => Assert.True(File.Exists(walk.Clone.File("data/certs/" + file)), file));
        }),

        // The quick start's server, with the commands that talk to it.
        ReadmeStep.Of("dotnet tool restore && dotnet pwsh ./build.ps1 run", async (walk, command) =>
        {
            walk.server = await walk.StartServerAsync(command, tcp: [5060, 5061, 8080, 8443, 8090, 8088, 8449, 4053], udp: [5060], Build);
            var sip = new IPEndPoint(IPAddress.Loopback, 5060);
            await using (var dave = TestPhone.Udp("sip:dave@example.com", sip))
            {
                Assert.Equal(200, (await dave.RegisterAsync(DavePassword)).StatusCode);
            }

            await using var alice = TestPhone.Udp("sip:alice@example.com", sip);
            Assert.NotEqual(200, (await alice.RegisterAsync("alice-secret")).StatusCode);

            // Every transport on a newcomer's first run: TLS with the certificate of cert dev, ws and wss.
            var ca = walk.Clone.File("data/certs/ca.pem");
            await using var tls = await TestPhone.TlsAsync("sip:bob@example.com", new IPEndPoint(IPAddress.Loopback, 5061), ca);
            Assert.Equal(200, (await tls.RequestAsync("OPTIONS", "sip:example.com", "<sip:example.com>")).StatusCode);
            await using var ws = await TestPhone.WebSocketAsync("sip:bob@example.com", new IPEndPoint(IPAddress.Loopback, 8080));
            Assert.Equal(200, (await ws.RequestAsync("OPTIONS", "sip:example.com", "<sip:example.com>")).StatusCode);
            await using var wss = await TestPhone.WebSocketAsync("sip:bob@example.com", new IPEndPoint(IPAddress.Loopback, 8443), ca);
            Assert.Equal(200, (await wss.RequestAsync("OPTIONS", "sip:example.com", "<sip:example.com>")).StatusCode);
        }),
        ReadmeStep.Of("./simpleactors presence authorize sip:alice@example.com sip:dave@example.org allow", async (walk, command) =>
            Assert.StartsWith("sip:alice@example.com: allow sip:dave@example.org", await walk.SucceedsAsync(command), StringComparison.Ordinal)),
        ReadmeStep.Of("./simpleactors history xcap pres-rules/users/sip:alice@example.com/index", async (walk, command) =>
        {
            var output = await walk.SucceedsAsync(command);
            Assert.Contains("XcapDocumentEdited", output, StringComparison.Ordinal);
            Assert.Contains("by admin", output, StringComparison.Ordinal);
        }),
        ReadmeStep.Of("curl --digest -u bob:bob-secret http://127.0.0.1:8088/xcap-root/xcap-caps/global/index", async (walk, command) =>
            Assert.Contains("<auid>pres-rules</auid>", await walk.SucceedsAsync(command), StringComparison.Ordinal)),
        ReadmeStep.Of("./simpleactors history sip:alice@example.com", async (walk, command) =>
            Assert.Contains("OwnerDocumentSet", await walk.SucceedsAsync(command), StringComparison.Ordinal)),
        ReadmeStep.Of("./simpleactors history sip:alice@example.com --json", async (walk, command) =>
        {
            var lines = (await walk.SucceedsAsync(command)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(lines);
            Assert.All(lines, line => JsonDocument.Parse(line).Dispose());
            Assert.Contains(lines, line => line.Contains("OwnerDocumentSet", StringComparison.Ordinal));
        }),
        ReadmeStep.Of("./simpleactors history changes --from 2026-01-01T00:00:00Z --to 2036-01-01T00:00:00Z", async (walk, command) =>
        {
            var output = await walk.SucceedsAsync(command);
            Assert.Contains("sip:alice@example.com", output, StringComparison.Ordinal);
            Assert.Contains("OwnerDocumentSet", output, StringComparison.Ordinal);
        }),
        ReadmeStep.Action("Ctrl+C (or SIGTERM) stops the server: it logs 'SimpleActors node stopped'", async walk =>
        {
            await walk.server!.StopAsync(NodeStop);
            Assert.Contains(NodeStopped, walk.server.Output, StringComparison.Ordinal);
        }),

        ReadmeStep.Of("SIMPLEACTORS__Logging__Console__FormatterName=json ./simpleactors run --Domains:1=example.org", async (walk, command) =>
        {
            var node = await walk.StartServerAsync(command, tcp: [5060, 5061, 8080, 8443, 8090, 8088, 8449, 4053], udp: [5060], NodeStart);
            using var up = JsonDocument.Parse(node.Output.Split('\n').First(line => line.Contains(NodeUp, StringComparison.Ordinal)));
            Assert.StartsWith(NodeUp, up.RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);

            await using (var phone = TestPhone.Udp("sip:bob@example.com", new IPEndPoint(IPAddress.Loopback, 5060)))
            {
                Assert.Equal(200, (await phone.RequestAsync("OPTIONS", "sip:example.org", "<sip:example.org>")).StatusCode);
            }

            Assert.Equal(0, await node.StopAsync(NodeStop));
        }),

        ReadmeStep.Of("dotnet pwsh ./build.ps1 build", (walk, command) => walk.SucceedsAsync(command, Build)),
        ReadmeStep.Of("dotnet pwsh ./build.ps1 bench --list flat", async (walk, command) =>
            Assert.Contains("SimpleActors.Benchmarks.SipParserBenchmarks.", await walk.SucceedsAsync(command, Build), StringComparison.Ordinal)),

        // The cluster: three nodes on PostgreSQL, a fourth that joins and leaves, one lost and marked down.
        ReadmeStep.Of("dotnet pwsh ./build.ps1 cluster-up", async (walk, command) =>
        {
            await EnsureClusterDatabaseAsync();
            await LoopbackPorts.WaitUntilFreeAsync([5060, 5061, 5062, 5063, 5064, 5065, 8080, 8443, 8180, 8543, 8280, 8643, 8081, 8082, 8083, 8088, 8449, 8188, 8549, 8288, 8649, 4053, 4054, 4055], [5060, 5062, 5064], NodeStart);
            walk.clusterUp = true;
            var output = await walk.SucceedsAsync(command, Build);
            Assert.All(new[] { 1, 2, 3 }, n => Assert.Contains($"node {n} up", output, StringComparison.Ordinal));
        }),
        ReadmeStep.Of("./simpleactors cluster status --config config/cluster/node1.json", (walk, command) => walk.MembersUpAsync(command, 3)),
        ReadmeStep.Of("./simpleactors cluster shards --url http://127.0.0.1:8082 --data-dir data/cluster/node2", async (walk, command) =>
        {
            var output = await walk.SucceedsAsync(command);
            Assert.All(new[] { "registration", "presentity", "akka.tcp://simpleactors@127.0.0.1:4054" }, text => Assert.Contains(text, output, StringComparison.Ordinal));
        }),
        ReadmeStep.Of(
            "./simpleactors run --config config/cluster/node1.json --port 4056 --data-dir data/cluster/node4 --Sip:Listeners:0:Port=5066 --Sip:Listeners:1:Port=5066 --Sip:Listeners:2:Port=5067 --Sip:Listeners:3:Port=8380 --Sip:Listeners:4:Port=8743 --Admin:Port=8084 --Xcap:Port=8388 --Xcap:HttpsPort=8749",
            async (walk, command) =>
            {
                walk.fourthNode = await walk.StartServerAsync(command, tcp: [5066, 5067, 8380, 8743, 8084, 8388, 8749, 4056], udp: [5066], NodeStart);
                await walk.MembersUpAsync("./simpleactors cluster status --config config/cluster/node1.json", 4);
            }),
        ReadmeStep.Of("./simpleactors cluster leave 127.0.0.1:4056 --config config/cluster/node1.json", async (walk, command) =>
        {
            Assert.Contains("asked to leave", await walk.SucceedsAsync(command), StringComparison.Ordinal);
            Assert.Equal(0, await walk.fourthNode!.WaitForExitAsync(NodeStop));
            Assert.Contains(NodeStopped, walk.fourthNode.Output, StringComparison.Ordinal);
        }),
        ReadmeStep.Action("node 3 is killed (SIGKILL): a node that is gone", walk =>
        {
            var pid = int.Parse(File.ReadAllText(walk.Clone.File("data/cluster/node3.pid")).Trim(), CultureInfo.InvariantCulture);
            Assert.True(ProcessGroup.SignalProcess(pid, ProcessGroup.SigKill), $"node 3 ({pid}) was not running");
            return Task.CompletedTask;
        }),
        ReadmeStep.Of("./simpleactors cluster down 127.0.0.1:4055 --config config/cluster/node1.json", async (walk, command) =>
            Assert.Contains("marked down", await walk.SucceedsAsync(command), StringComparison.Ordinal)),
        ReadmeStep.Of("dotnet pwsh ./build.ps1 cluster-down", async (walk, command) =>
        {
            var output = await walk.SucceedsAsync(command, NodeStop * 3);
            walk.clusterUp = false;
            Assert.All(new[] { 1, 2 }, n => Assert.Contains($"node {n} stopped", output, StringComparison.Ordinal));
            Assert.Empty(Directory.EnumerateFiles(walk.Clone.File("data/cluster"), "*.pid"));
        }),
        ReadmeStep.Of(
            "./simpleactors run --Persistence:Provider=PostgreSql \"--Persistence:ConnectionString=Host=127.0.0.1;Database=simpleactors;Username=simpleactors;Password=simpleactors\"",
            async (walk, command) =>
            {
                var node = await walk.StartServerAsync(command, tcp: [5060, 5061, 8080, 8443, 8090, 8088, 8449, 4053], udp: [5060], NodeStart);
                Assert.Equal(0, await node.StopAsync(NodeStop));
                Assert.Contains(NodeStopped, node.Output, StringComparison.Ordinal);
            }),
    ];

    public ReadmeClone Clone { get; } = clone;

    /// <summary>Runs a command to its end; fails unless it exits with 0. Its output.</summary>
    public async Task<string> SucceedsAsync(string command, TimeSpan? timeout = null, string? input = null)
    {
        var (exitCode, output) = await Clone.RunAsync(command, timeout ?? Short, input);
        Assert.True(exitCode == 0, $"'{command}' exited with {exitCode}:\n{output}");
        return output;
    }

    /// <summary>Stops whatever the walk left running: servers, and the cluster if cluster-down did not run.</summary>
    public void Dispose()
    {
        if (clusterUp)
        {
            foreach (var pidFile in Directory.EnumerateFiles(Clone.File("data/cluster"), "*.pid"))
            {
                if (int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid))
                {
                    ProcessGroup.SignalProcess(pid, ProcessGroup.SigKill);
                }
            }
        }

        foreach (var command in started)
        {
            command.Dispose();
        }
    }

    /// <summary>
    /// The database the cluster's configuration names (simpleactors on 127.0.0.1, user simpleactors), made on the tests'
    /// PostgreSQL server when missing: cluster-up makes it itself only where it may act as the postgres user.
    /// </summary>
    private static async Task EnsureClusterDatabaseAsync()
    {
        var server = ScratchPostgres.Server;
        Assert.True(server is not null, $"{ScratchPostgres.Variable} is not set: the README's cluster needs PostgreSQL (build.ps1 test sets it up).");
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = 'simpleactors'", connection);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand("CREATE DATABASE simpleactors", connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Starts a server once its ports are free; returns when it logged that its node is up.</summary>
    private async Task<ShellCommand> StartServerAsync(string command, int[] tcp, int[] udp, TimeSpan timeout)
    {
        await LoopbackPorts.WaitUntilFreeAsync(tcp, udp, NodeStart);
        var node = Clone.Start(command);
        started.Add(node);
        await node.WaitForOutputAsync(NodeUp, timeout);
        return node;
    }

    /// <summary>Runs a <c>cluster status</c> command until it shows <paramref name="count"/> members Up.</summary>
    private async Task MembersUpAsync(string command, int count)
    {
        var deadline = DateTime.UtcNow + NodeStart;
        while (true)
        {
            var output = await SucceedsAsync(command);
            var up = output.Split('\n').Count(line => line.Contains("akka.tcp://simpleactors@127.0.0.1:", StringComparison.Ordinal) && line.Contains(" Up ", StringComparison.Ordinal));
            if (up == count)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{count} members Up expected, {up} after {NodeStart}:\n{output}");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
