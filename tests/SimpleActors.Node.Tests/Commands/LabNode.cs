using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SimpleActors.Node.Configuration;
using SimpleActors.Node.Hosting;
using SimpleActors.Sip.Transport;
using AkkaCluster = Akka.Cluster.Cluster;

namespace SimpleActors.Node.Tests.Commands;

/// <summary>
/// A whole node in this process, as <c>simpleactors run --no-auth</c> starts it: SQLite journal in a temporary folder,
/// cluster, SIP and admin endpoint on ports the OS picks, a known admin token. Shared by a test class as a fixture:
/// xUnit stops it (<see cref="DisposeAsync"/>), then deletes its folder (<see cref="Dispose"/>).
/// </summary>
public sealed class LabNode : IAsyncLifetime, IAsyncDisposable, IDisposable
{
    public const string AdminToken = "cluster-command-test-token";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly TemporaryDirectory? folder;
    private readonly string path;
    private readonly LabNode? seed;
    private IHost? host;

    /// <summary>A node of its own cluster, in a new temporary folder.</summary>
    public LabNode()
    {
        folder = new TemporaryDirectory();
        path = folder.Path;
    }

    /// <summary>A node that joins <paramref name="seed"/>'s cluster and shares its folder (its SQLite journal).</summary>
    private LabNode(LabNode seed)
    {
        path = seed.path;
        this.seed = seed;
    }

    /// <summary>Starts a second node in <paramref name="seed"/>'s cluster; dispose it with <see cref="DisposeAsync"/>.</summary>
    public static async Task<LabNode> JoinAsync(LabNode seed)
    {
        var node = new LabNode(seed);
        await node.InitializeAsync();
        return node;
    }

    /// <summary>The admin endpoint, e.g. http://127.0.0.1:41234.</summary>
    public Uri Admin { get; private set; } = null!;

    /// <summary>This node's cluster address, akka.tcp://simpleactors@127.0.0.1:port.</summary>
    public string Address { get; private set; } = string.Empty;

    public IPEndPoint Udp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var overrides = new Dictionary<string, string?>
        {
            ["DataDirectory"] = Path.Combine(path, "data"),
            ["Cluster:Port"] = "0",
            ["Sip:Listeners:0:Port"] = "0",
            ["Sip:Listeners:1:Port"] = "0",
            ["Sip:Listeners:2:Port"] = "0",
            ["Sip:Listeners:3:Port"] = "0",
            ["Sip:Listeners:4:Port"] = "0",
            ["Auth:Enabled"] = "false",
            ["Admin:Port"] = "0",
            ["Xcap:Port"] = "0",
            ["Xcap:HttpsPort"] = "-1",
            ["Admin:Token"] = AdminToken,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (seed is not null)
        {
            overrides["Cluster:Seeds:0"] = seed.Address;
        }

        host = NodeHost.Build(new NodeConfigurationSources
        {
            CurrentDirectory = path,
            EnvironmentVariables = new Hashtable(),
            Switches = [],
            Overrides = overrides,
        });
        await host.StartAsync();
        var cluster = AkkaCluster.Get(host.Services.GetRequiredService<ActorSystem>());
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(Timeout);
        var edge = host.Services.GetRequiredService<SipEdgeRuntime>();
        await edge.Started.WaitAsync(Timeout);
        Address = cluster.SelfAddress.ToString();
        Udp = edge.EndPointOf(SipTransport.Udp);
        Admin = host.Services.GetRequiredService<AdminEndpoint>().BaseAddress!;
    }

    /// <summary>Registers <paramref name="aor"/> over UDP (lab mode: no challenge) and returns the status line of the answer.</summary>
    public async Task<string> RegisterAsync(string aor)
    {
        using var phone = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var local = (IPEndPoint)phone.Client.LocalEndPoint!;
        var user = aor["sip:".Length..aor.IndexOf('@', StringComparison.Ordinal)];
        var request = string.Create(
            CultureInfo.InvariantCulture,
            $"REGISTER sip:example.com SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP {local};branch=z9hG4bK{Guid.NewGuid():N};rport\r\n" +
            $"Max-Forwards: 70\r\n" +
            $"From: <{aor}>;tag={Guid.NewGuid():N}\r\n" +
            $"To: <{aor}>\r\n" +
            $"Call-ID: {Guid.NewGuid():N}@127.0.0.1\r\n" +
            $"CSeq: 1 REGISTER\r\n" +
            $"Contact: <sip:{user}@{local}>\r\n" +
            $"Expires: 600\r\n" +
            $"Content-Length: 0\r\n\r\n");
        await phone.SendAsync(Encoding.ASCII.GetBytes(request), Udp);
        using var wait = new CancellationTokenSource(Timeout);
        while (true)
        {
            var answer = Encoding.ASCII.GetString((await phone.ReceiveAsync(wait.Token)).Buffer);
            var statusLine = answer[..answer.IndexOf('\r', StringComparison.Ordinal)];
            if (!statusLine.StartsWith("SIP/2.0 1", StringComparison.Ordinal))
            {
                return statusLine;
            }
        }
    }

    /// <summary>Outside xUnit's fixture lifetime (<c>await using</c>): stops the node, then deletes its folder.</summary>
    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        Dispose();
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
            host = null;
        }
    }

    public void Dispose() => folder?.Dispose();
}
