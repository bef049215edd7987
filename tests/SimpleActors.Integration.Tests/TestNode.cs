using System.Collections;
using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SimpleActors.Edge.Auth;
using SimpleActors.Node.Configuration;
using SimpleActors.Node.Hosting;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// A complete single node in this process, as <c>simpleactors run</c> starts it: real SQLite journal in a
/// temporary folder, SIP over UDP, TCP, TLS, WS and WSS on 127.0.0.1 with ports the OS picks, and a credentials file with
/// the test users. Restartable on the same data.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string folder;
    private readonly bool ownsFolder;
    private readonly bool auth;
    private readonly IReadOnlyDictionary<string, string?> settings;
    private IHost? host;

    private TestNode(string folder, bool ownsFolder, bool auth, IReadOnlyDictionary<string, string?> settings)
    {
        this.folder = folder;
        this.ownsFolder = ownsFolder;
        this.auth = auth;
        this.settings = settings;
    }

    public static readonly IReadOnlyDictionary<string, string> Passwords = new Dictionary<string, string>
    {
        ["sip:alice@example.com"] = "alice-pw",
        ["sip:bob@example.com"] = "bob-pw",
        ["sip:carol@example.com"] = "carol-pw",
    };

    public IPEndPoint Udp { get; private set; } = null!;

    public IPEndPoint Tcp { get; private set; } = null!;

    /// <summary>SIP over TLS (RFC 3261 section 26), with the development certificate made in the node's data folder.</summary>
    public IPEndPoint Tls { get; private set; } = null!;

    /// <summary>SIP over WebSocket (RFC 7118), <c>ws://</c>.</summary>
    public IPEndPoint Ws { get; private set; } = null!;

    /// <summary>SIP over secure WebSocket, <c>wss://</c>.</summary>
    public IPEndPoint Wss { get; private set; } = null!;

    /// <summary>The development certificate authority the node made on first start (<c>data/certs/ca.pem</c>), for clients to trust.</summary>
    public string CertificateAuthority => Path.Combine(folder, "data", "certs", "ca.pem");

    public SipEdgeRuntime Edge => host!.Services.GetRequiredService<SipEdgeRuntime>();

    /// <summary>The bearer token of every test node's admin endpoint.</summary>
    public const string AdminToken = "test-admin-token";

    /// <summary>The admin endpoint of the running node.</summary>
    public Uri Admin => host!.Services.GetRequiredService<SimpleActors.Node.Hosting.AdminEndpoint>().BaseAddress!;

    /// <summary>This node's cluster address.</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>The folder of its data and configuration; another node started with it shares the journal.</summary>
    public string Folder => folder;

    /// <param name="auth">Digest authentication on (the default) or lab mode.</param>
    /// <param name="settings">Configuration overrides.</param>
    /// <param name="joining">A node to form a cluster with, sharing its journal (its SQLite file).</param>
    public static async Task<TestNode> StartAsync(bool auth = true, IReadOnlyDictionary<string, string?>? settings = null, TestNode? joining = null)
    {
        if (joining is not null)
        {
            var joined = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Cluster:Seeds:0"] = joining.Address };
            var member = new TestNode(joining.folder, ownsFolder: false, auth, joined);
            await member.StartHostAsync();
            return member;
        }

        var folder = Path.Combine(Path.GetTempPath(), "simpleactors-it-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "config"));
        var users = Passwords.Aggregate(UsersFile.Empty, (file, user) => file.WithUser(StoredUser.Create(user.Key, user.Value)));
        users.Write(Path.Combine(folder, "config", "users.json"));
        var node = new TestNode(folder, ownsFolder: true, auth, settings ?? new Dictionary<string, string?>());
        await node.StartHostAsync();
        return node;
    }

    public async Task RestartAsync()
    {
        await StopHostAsync();
        try
        {
            await StartHostAsync();
        }
        catch (Exception e) when (e is IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException }
                                   || e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
        {
            // Another test's node took one of our ports (bound to port 0) while we were down: start on new ones. A test
            // that needs the old ports fails on them as it would have; the others go on.
            host?.Dispose();
            host = null;
            Udp = Tcp = Tls = Ws = Wss = null!;
            await StartHostAsync();
        }
    }

    private async Task StartHostAsync()
    {
        // After a restart the same ports are wanted, so that registered contacts' flows stay meaningful.
        var overrides = new Dictionary<string, string?>
        {
            ["DataDirectory"] = Path.Combine(folder, "data"),
            ["Cluster:Port"] = "0",
            ["Sip:Listeners:0:Port"] = Udp?.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0",
            ["Sip:Listeners:1:Port"] = Tcp?.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0",
            ["Sip:Listeners:2:Port"] = Tls?.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0",
            ["Sip:Listeners:3:Port"] = Ws?.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0",
            ["Sip:Listeners:4:Port"] = Wss?.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0",
            ["Auth:Enabled"] = auth ? "true" : "false",
            ["Registrar:MinExpires"] = "2",
            ["Admin:Port"] = "0",
            ["Xcap:Port"] = "0",
            ["Xcap:HttpsPort"] = "-1",
            ["Admin:Token"] = AdminToken,
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("IT_LOG") ?? "Warning",
        };
        foreach (var (key, value) in settings)
        {
            overrides[key] = value;
        }

        host = NodeHost.Build(new NodeConfigurationSources
        {
            CurrentDirectory = folder,
            EnvironmentVariables = new Hashtable(),
            Switches = [],
            Overrides = overrides,
        });
        await host.StartAsync();
        var cluster = Akka.Cluster.Cluster.Get(host.Services.GetRequiredService<ActorSystem>());
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(Timeout);
        await Edge.Started.WaitAsync(Timeout);
        Address = cluster.SelfAddress.ToString();
        Udp = Edge.EndPointOf(SipTransport.Udp);
        Tcp = Edge.EndPointOf(SipTransport.Tcp);
        Tls = Edge.EndPointOf(SipTransport.Tls);
        Ws = Edge.EndPointOf(SipTransport.Ws);
        Wss = Edge.EndPointOf(SipTransport.Wss);
    }

    /// <summary>Stops the node (it leaves the cluster) and keeps its folder for the others.</summary>
    public Task StopAsync() => StopHostAsync();

    private async Task StopHostAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
            host = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        if (!ownsFolder)
        {
            return;
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
