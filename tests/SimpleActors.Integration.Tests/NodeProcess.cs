using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// The built <c>simpleactors</c> run as a child process on fixed SIP ports, so that it can be killed with SIGKILL and
/// started again on the same ports and data directory, as an operator's crash would: in lab mode
/// (<see cref="StartAsync"/>), or as an operator starts it on day one (<see cref="StartShippedAsync"/>).
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly string folder;
    private readonly int port;
    private readonly int tls = FreePorts.Tcp();
    private readonly int ws = FreePorts.Tcp();
    private readonly int wss = FreePorts.Tcp();
    private readonly int xcap = FreePorts.Tcp();
    private readonly bool labMode;
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;

    private NodeProcess(string folder, int port, bool labMode)
    {
        this.folder = folder;
        this.port = port;
        this.labMode = labMode;
    }

    public IPEndPoint Udp => new(IPAddress.Loopback, port);

    /// <summary>The TCP listener: the same port as UDP.</summary>
    public IPEndPoint Tcp => new(IPAddress.Loopback, port);

    /// <summary>The TLS listener (RFC 3261 section 26), with the development certificate the node makes on first start.</summary>
    public IPEndPoint Tls => new(IPAddress.Loopback, tls);

    /// <summary>The WebSocket listener (RFC 7118), <c>ws://</c>.</summary>
    public IPEndPoint Ws => new(IPAddress.Loopback, ws);

    /// <summary>The secure WebSocket listener, <c>wss://</c>.</summary>
    public IPEndPoint Wss => new(IPAddress.Loopback, wss);

    /// <summary>The XCAP root (RFC 4825) over HTTP, with the shipped root path.</summary>
    public Uri XcapRoot => new($"http://127.0.0.1:{xcap}/xcap-root/");

    /// <summary>True while the child process runs.</summary>
    public bool IsRunning => process is { HasExited: false };

    /// <summary>Its working folder: <c>config/users.json</c> (shipped mode) and <c>data/</c>.</summary>
    public string Folder => folder;

    /// <summary>Every line the node wrote so far, standard output and error.</summary>
    public string Output => string.Join('\n', output);

    /// <summary>In lab mode (<c>--no-auth</c>).</summary>
    public static async Task<NodeProcess> StartAsync()
    {
        return await StartFreshAsync(() => new NodeProcess(Directory.CreateTempSubdirectory("simpleactors-kill-").FullName, FreePorts.UdpAndTcp(), labMode: true));
    }

    /// <summary>
    /// With the shipped configuration: <c>config/simpleactors.json</c> beside the binary and the shipped
    /// <c>config/users.json</c> (demo users alice, bob, carol with passwords alice-secret, ...) in its working folder, or
    /// <paramref name="usersFile"/> there instead. Only the ports and the data directory are chosen; nothing of <c>Auth</c>.
    /// </summary>
    public static async Task<NodeProcess> StartShippedAsync(string? usersFile = null)
    {
        return await StartFreshAsync(() =>
        {
            var folder = Directory.CreateTempSubdirectory("simpleactors-shipped-").FullName;
            Directory.CreateDirectory(Path.Combine(folder, "config"));
            File.Copy(usersFile ?? Path.Combine(AppContext.BaseDirectory, "shipped", "users.json"), Path.Combine(folder, "config", "users.json"));
            return new NodeProcess(folder, FreePorts.UdpAndTcp(), labMode: false);
        });
    }

    /// <summary>
    /// A first start on free ports, tried again on other free ports when the child exits before its node is up: another
    /// test can take a port between our choosing it and the child's bind (seen in CI: "exited with 1 before its node was
    /// up"). A restart (<see cref="StartAgainAsync"/>) keeps its ports, as an operator's would.
    /// </summary>
    private static async Task<NodeProcess> StartFreshAsync(Func<NodeProcess> create)
    {
        for (var attempt = 1; ; attempt++)
        {
            var node = create();
            try
            {
                await node.StartAgainAsync();
                return node;
            }
            catch (ChildExitedException) when (attempt < 3)
            {
                await node.DisposeAsync();
            }
            catch (ChildExitedException e)
            {
                throw new ChildExitedException($"{e.Message}; its last lines:\n{string.Join('\n', node.output.TakeLast(20))}");
            }
        }
    }

    /// <summary>Starts the process (again) and waits until its node is up.</summary>
    public async Task StartAgainAsync()
    {
        var sip = port.ToString(CultureInfo.InvariantCulture);
        string[] arguments =
        [
            "--data-dir", Path.Combine(folder, "data"),
            "--Cluster:Port=0", $"--Sip:Listeners:0:Port={sip}", $"--Sip:Listeners:1:Port={sip}", $"--Sip:Listeners:2:Port={tls}", $"--Sip:Listeners:3:Port={ws}", $"--Sip:Listeners:4:Port={wss}", "--Admin:Port=0", $"--Xcap:Port={xcap}", "--Xcap:HttpsPort=-1",
        ];
        process = await SimpleactorsChild.StartAsync(
            folder, labMode ? ["run", "--no-auth", .. arguments] : ["run", .. arguments], output.Enqueue, TestNode.Timeout);
    }

    /// <summary>SIGKILL: no shutdown, no leaving the cluster, nothing flushed beyond what was committed.</summary>
    public async Task KillAsync()
    {
        process!.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().WaitAsync(TestNode.Timeout);
        process.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await KillAsync();
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }
}
