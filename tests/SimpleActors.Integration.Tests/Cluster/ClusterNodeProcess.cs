using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SimpleActors.Integration.Tests.Cluster;

/// <summary>
/// One node of a test cluster: the built <c>simpleactors run</c> as a child process on 127.0.0.1, lab mode, journal on the
/// test's PostgreSQL database, its own SIP, cluster and admin ports, so it can be killed with SIGKILL or stopped with
/// SIGTERM like an operator's node. Its output is kept for the test's log.
/// </summary>
internal sealed class ClusterNodeProcess : IAsyncDisposable
{
    public const string Token = "cluster-test-token";

    private readonly string folder;
    private readonly IReadOnlyList<string> arguments;
    private readonly ConcurrentQueue<string> output = new();
    private readonly HttpClient admin;
    private Process? process;

    private ClusterNodeProcess(string name, string folder, int sipPort, int clusterPort, int adminPort, IReadOnlyList<string> arguments)
    {
        Name = name;
        this.folder = folder;
        SipPort = sipPort;
        ClusterPort = clusterPort;
        this.arguments = arguments;
        admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}"), Timeout = TimeSpan.FromSeconds(30) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public string Name { get; }

    public int SipPort { get; }

    public int ClusterPort { get; }

    public IPEndPoint Udp => new(IPAddress.Loopback, SipPort);

    /// <summary>The node's cluster address, as members and flows name it.</summary>
    public string Address => $"akka.tcp://simpleactors@127.0.0.1:{ClusterPort}";

    public bool IsRunning => process is { HasExited: false };

    /// <summary>
    /// A node of the cluster whose seeds are <paramref name="seedPorts"/> (cluster ports; none for bootstrap, which
    /// <paramref name="extra"/> then configures), not started yet.
    /// </summary>
    public static ClusterNodeProcess Create(
        string name, string connectionString, IReadOnlyList<int> seedPorts, int? clusterPort = null, IReadOnlyList<string>? extra = null)
    {
        var folder = Directory.CreateTempSubdirectory("simpleactors-cluster-").FullName;
        var sip = FreePorts.UdpAndTcp();
        var port = clusterPort ?? FreePorts.Tcp();
        var adminPort = FreePorts.Tcp();
        var arguments = new List<string>
        {
            "run", "--no-auth", "--data-dir", Path.Combine(folder, "data"),
            $"--Cluster:Port={port}", $"--Sip:Listeners:0:Port={sip}", $"--Sip:Listeners:1:Port={sip}", "--Sip:Listeners:2:Port=0", "--Sip:Listeners:3:Port=0", "--Sip:Listeners:4:Port=0",
            $"--Admin:Port={adminPort}", "--Xcap:Port=0", "--Xcap:HttpsPort=-1", $"--Admin:Token={Token}",
            "--Persistence:Provider=PostgreSql", $"--Persistence:ConnectionString={connectionString}",
            // Quick enough for a test: the resolver downs a killed node 3 s after the membership settles, shards
            // rebalance every 2 s (the shipped defaults are 20 s and 10 s).
            "--Cluster:SplitBrainResolver:StableAfter=00:00:03", "--Cluster:Rebalance:Interval=00:00:02",
            "--Sip:DrainTimeout=00:00:05", "--Memory:TrimWhenIdle=false",
        };
        for (var i = 0; i < seedPorts.Count; i++)
        {
            arguments.Add(string.Create(CultureInfo.InvariantCulture, $"--Cluster:Seeds:{i}=akka.tcp://simpleactors@127.0.0.1:{seedPorts[i]}"));
        }

        arguments.AddRange(extra ?? []);
        return new ClusterNodeProcess(name, folder, sip, port, adminPort, arguments);
    }

    /// <summary>Starts the process and waits until its node is Up in the cluster.</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        try
        {
            process = await SimpleactorsChild.StartAsync(folder, arguments, output.Enqueue, timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{Name} was not up within {timeout.TotalSeconds} s.{Environment.NewLine}{Tail()}", e);
        }
        catch (ChildExitedException e)
        {
            throw new ChildExitedException($"{Name}: {e.Message}.{Environment.NewLine}{Tail()}");
        }
    }

    /// <summary>SIGKILL: no shutdown, no leaving, nothing flushed beyond what was committed.</summary>
    public async Task KillAsync()
    {
        process!.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGTERM, as a service manager stops a node; waits for the exit and returns its code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", process!.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(timeout);
        return process.ExitCode;
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await admin.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{Name} GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The cluster address of the node that hosts the shard of an entity, null while it is not allocated.</summary>
    public async Task<string?> LocateAsync(string type, string id)
    {
        var location = await GetAsync($"/v1/cluster/locate/{type}/{Uri.EscapeDataString(id)}");
        return location.GetProperty("node").GetString();
    }

    /// <summary>Shards of one entity type per node address.</summary>
    public async Task<Dictionary<string, int>> ShardsPerNodeAsync(string type)
    {
        var shards = await GetAsync("/v1/cluster/shards");
        return shards.GetProperty("types").EnumerateArray()
            .Single(t => t.GetProperty("type").GetString() == type)
            .GetProperty("nodes").EnumerateArray()
            .ToDictionary(n => n.GetProperty("address").GetString()!, n => n.GetProperty("shards").GetInt32());
    }

    /// <summary>Member addresses with their status.</summary>
    public async Task<Dictionary<string, string>> MembersAsync()
    {
        var members = await GetAsync("/v1/cluster/members");
        return members.GetProperty("members").EnumerateArray()
            .ToDictionary(m => m.GetProperty("address").GetString()!, m => m.GetProperty("status").GetString()!);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, object body) => await admin.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);

    /// <summary>The last lines the node wrote, for a failing test's message.</summary>
    public string Tail(int lines = 40) => $"--- {Name} ---{Environment.NewLine}{string.Join(Environment.NewLine, output.TakeLast(lines))}";

    /// <summary>Every line the node wrote that contains <paramref name="text"/>.</summary>
    public IReadOnlyList<string> Lines(string text) => output.Where(l => l.Contains(text, StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        admin.Dispose();
        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }

            process.Dispose();
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
