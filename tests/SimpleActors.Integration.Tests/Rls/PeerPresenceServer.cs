using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using static SimpleActors.Tests.Shared.ScratchPostgres;

namespace SimpleActors.Integration.Tests.Rls;

/// <summary>
/// Kamailio as the presence server of another domain, <c>peer.test</c>, on 127.0.0.1 (Rls/peer-presence/kamailio.cfg),
/// with a fresh PostgreSQL database of its own. It starts what it needs: the local PostgreSQL cluster when it does not
/// answer (as root), the database with Kamailio's presence schema, and Kamailio, which it waits for (OPTIONS → 200).
/// The connection is <c>SIMPLEACTORS_TEST_POSTGRES</c>, else the project's role on 127.0.0.1.
/// </summary>
internal sealed class PeerPresenceServer : IAsyncDisposable
{
    public const string Domain = "peer.test";

    private const string DefaultServer = "Host=127.0.0.1;Username=simpleactors;Password=simpleactors;Database=postgres;Timeout=5";

    private readonly Process process;
    private readonly StringBuilder log;
    private readonly string server;
    private readonly string database;
    private readonly string folder;

    private PeerPresenceServer(Process process, StringBuilder log, string server, string database, string folder, int port)
    {
        this.process = process;
        this.log = log;
        this.server = server;
        this.database = database;
        this.folder = folder;
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>The URI to configure as our outbound proxy for back-end subscriptions.</summary>
    public string Uri => $"sip:127.0.0.1:{EndPoint.Port}";

    /// <summary>What Kamailio logged so far.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static async Task<PeerPresenceServer> StartAsync()
    {
        var server = Environment.GetEnvironmentVariable("SIMPLEACTORS_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultServer;
        await EnsurePostgresAsync(server);
        var database = await CreateAsync(server, "kamailio_peer_");
        var inDatabase = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        foreach (var schema in new[] { "standard", "presence" })
        {
            await ExecuteAsync(inDatabase, await File.ReadAllTextAsync($"/usr/share/kamailio/postgres/{schema}-create.sql"));
        }

        var port = FreePorts.UdpAndTcp();
        var folder = Path.Combine(Path.GetTempPath(), "kamailio-peer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var b = new NpgsqlConnectionStringBuilder(server);
        var start = new ProcessStartInfo(File.Exists("/usr/sbin/kamailio") ? "/usr/sbin/kamailio" : "kamailio")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-f", Path.Combine(AppContext.BaseDirectory, "Rls", "peer-presence", "kamailio.cfg"), "-DD", "-E", "-m", "64", "-M", "16",
            "-w", folder, "-Y", folder, "-P", Path.Combine(folder, "kamailio.pid"),
            "-A", $"SIP_PORT={port}", "-A", $"DBURL=\"postgres://{b.Username}:{b.Password}@{b.Host}/{database}\"",
            "-A", $"PRES_ADDR=\"sip:presence@127.0.0.1:{port}\"",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var peer = new PeerPresenceServer(process, log, server, database, folder, port);
        for (var attempt = 0; attempt < 60; attempt++)
        {
            if (process.HasExited)
            {
                break;
            }

            if (await AnswersOptionsAsync(port))
            {
                return peer;
            }
        }

        var output = peer.Log;
        await peer.DisposeAsync();
        throw new InvalidOperationException("Kamailio (peer.test) did not start:\n" + output);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        await DropAsync(server, database);
        Directory.Delete(folder, recursive: true);
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    /// <summary>PostgreSQL answers; as root, the local cluster is started first when it does not.</summary>
    private static async Task EnsurePostgresAsync(string server)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await ExecuteAsync(server, "SELECT 1");
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException && attempt < 20)
            {
                if (attempt == 0 && Environment.UserName == "root" && File.Exists("/usr/bin/pg_ctlcluster"))
                {
                    using var pg = Process.Start("/usr/bin/pg_ctlcluster", ["15", "main", "start"]);
                    await pg.WaitForExitAsync();
                }

                await Task.Delay(500);
            }
        }
    }

    private static async Task<bool> AnswersOptionsAsync(int port)
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var local = ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
        var id = Guid.NewGuid().ToString("N");
        var options = $"OPTIONS sip:127.0.0.1:{port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bK{id}\r\n"
            + $"From: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1:{port}>\r\nCall-ID: {id}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(options), new IPEndPoint(IPAddress.Loopback, port));
        using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        try
        {
            var answer = await socket.ReceiveAsync(wait.Token);
            return Encoding.ASCII.GetString(answer.Buffer).StartsWith("SIP/2.0 200", StringComparison.Ordinal);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
