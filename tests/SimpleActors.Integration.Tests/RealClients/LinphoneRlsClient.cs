using System.Collections.Concurrent;
using System.Diagnostics;

namespace SimpleActors.Integration.Tests.RealClients;

/// <summary>
/// tests/clients/linphone-rls/rls_client (Debian's liblinphone as an RFC 4662 list watcher, see its README) run as a
/// process: its stdout lines (REGISTERED, SUBSCRIPTION …, PRESENCE uri basic activity note, DONE, …) as they come,
/// liblinphone's --verbose log on stderr kept for failure messages. The harness is built once, beside the tests
/// (<c>clients/linphone-rls/rls_client</c> in the test output), and again only when its source is newer.
/// </summary>
internal sealed class LinphoneRlsClient : IDisposable
{
    private static readonly SemaphoreSlim Building = new(1, 1);
    private readonly Process process;
    private readonly NodeProcess node;
    private readonly BlockingCollection<string> lines = new();
    private readonly ConcurrentQueue<string> seen = new();
    private readonly ConcurrentQueue<string> log = new();

    private LinphoneRlsClient(Process process, NodeProcess node)
    {
        this.process = process;
        this.node = node;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                lines.CompleteAdding();
                return;
            }

            seen.Enqueue(e.Data);
            lines.Add(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Every stdout line so far.</summary>
    public IReadOnlyList<string> Lines => [.. seen];

    /// <summary>liblinphone's and belle-sip's whole log (stderr, --verbose), every SIP message included.</summary>
    public string Log => string.Join('\n', log);

    /// <summary>The stdout lines, the last of liblinphone's log and of the node's, for an assertion's message.</summary>
    public string Transcript =>
        string.Join('\n', seen) + "\n--- liblinphone log (last 200 lines) ---\n" + string.Join('\n', log.TakeLast(200))
        + "\n--- node (last 60 lines) ---\n" + string.Join('\n', node.Output.Split('\n').TakeLast(60));

    /// <summary>The harness binary, built with build.sh (gcc, pkg-config and liblinphone-dev) when missing or older than its source.</summary>
    public static async Task<string> BuiltAsync()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "clients", "linphone-rls");
        var binary = Path.Combine(folder, "rls_client");
        await Building.WaitAsync();
        try
        {
            if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) >= File.GetLastWriteTimeUtc(Path.Combine(folder, "rls_client.c")))
            {
                return binary;
            }

            var bash = ExternalClient.Require("bash", "bash");
            var building = binary + ".building";
            var (exit, output) = await ExternalClient.RunAsync(bash, [Path.Combine(folder, "build.sh"), building], TimeSpan.FromMinutes(3), folder);
            Assert.True(
                exit == 0,
                $"tests/clients/linphone-rls/build.sh failed ({exit}); it needs apt-get install liblinphone-dev gcc pkg-config (build.ps1 test installs them):\n{output}");
            File.Move(building, binary, overwrite: true);
            return binary;
        }
        finally
        {
            Building.Release();
        }
    }

    /// <summary>
    /// rls_client as alice (demo password) through <paramref name="node"/> over <paramref name="transport"/>, subscribed to
    /// <paramref name="list"/>, with <c>--verbose</c> and the further <paramref name="arguments"/>.
    /// </summary>
    public static async Task<LinphoneRlsClient> StartAsync(NodeProcess node, string transport, string list, params string[] arguments)
    {
        var start = new ProcessStartInfo(await BuiltAsync())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            "--server", $"127.0.0.1:{node.Udp.Port}", "--transport", transport, "--user", "alice", "--password", "alice-secret",
            "--domain", "example.com", "--list-uri", list, "--verbose", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return new LinphoneRlsClient(Process.Start(start)!, node);
    }

    /// <summary>The next stdout line that <paramref name="match"/> accepts; fails with the transcript when the client ends first.</summary>
    public async Task<string> NextLineAsync(Func<string, bool> match, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            return await Task.Run(
                () =>
                {
                    foreach (var line in lines.GetConsumingEnumerable(timeout.Token))
                    {
                        if (match(line))
                        {
                            return line;
                        }
                    }

                    throw new InvalidOperationException("rls_client ended");
                },
                timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            Assert.Fail($"no such line from rls_client ({e.Message}):\n{Transcript}");
            throw;
        }
    }

    /// <summary>Its exit code, once it has ended (killed after <paramref name="patience"/>: -1).</summary>
    public async Task<int> ExitAsync(TimeSpan patience)
    {
        try
        {
            await process.WaitForExitAsync().WaitAsync(patience);
            await process.WaitForExitAsync(); // the last output lines
            return process.ExitCode;
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            return -1;
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit(); // and the end of its output, before the lines are disposed
        process.Dispose();
        lines.Dispose();
    }
}
