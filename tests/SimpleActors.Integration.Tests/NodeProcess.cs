using System.Diagnostics;
using System.Net;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// The built <c>simpleactors</c> run as a child process in lab mode on fixed SIP ports, so that it can be killed
/// with SIGKILL and started again on the same ports and data directory, as an operator's crash would.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly string folder;
    private readonly int port;
    private Process? process;

    private NodeProcess(string folder, int port)
    {
        this.folder = folder;
        this.port = port;
    }

    public IPEndPoint Udp => new(IPAddress.Loopback, port);

    /// <summary>The TCP listener: the same port as UDP.</summary>
    public IPEndPoint Tcp => new(IPAddress.Loopback, port);

    /// <summary>True while the child process runs.</summary>
    public bool IsRunning => process is { HasExited: false };

    public static async Task<NodeProcess> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("simpleactors-kill-").FullName;
        var node = new NodeProcess(folder, FreePorts.UdpAndTcp());
        await node.StartAgainAsync();
        return node;
    }

    /// <summary>Starts the process (again) and waits until its node is up.</summary>
    public async Task StartAgainAsync()
    {
        process = await SimpleactorsChild.StartAsync(
            folder,
            [
                "run", "--no-auth", "--data-dir", Path.Combine(folder, "data"),
                "--Cluster:Port=0", $"--Sip:Listeners:0:Port={port}", $"--Sip:Listeners:1:Port={port}", "--Admin:Port=0",
            ],
            _ => { },
            TestNode.Timeout);
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
