using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SimpleActors.Integration.Tests;

/// <summary>Runs SIPp (Debian's sip-tester) with the scenarios of tests/load against a test node.</summary>
internal static class Sipp
{
    public static readonly string? Executable = new[] { "/usr/bin/sipp", "/usr/local/bin/sipp" }.FirstOrDefault(File.Exists);

    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "load", "scenarios", name);

    /// <summary>Skips the calling test, visibly, where SIPp is not installed (.ci/run and build.ps1 test install it).</summary>
    public static void SkipIfMissing() => Skip.If(Executable is null, "SIPp is not installed (apt-get install sip-tester)");

    /// <summary>A UDP port nobody uses right now, for a SIPp UAS.</summary>
    public static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Starts SIPp; the caller awaits <see cref="SippRun.ExitAsync"/>.</summary>
    public static SippRun Start(string scenario, IPEndPoint server, string? injection = null, int calls = 1, string transport = "u1", int? localPort = null)
    {
        var folder = Directory.CreateTempSubdirectory("sipp-").FullName;
        var start = new ProcessStartInfo(Executable!)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-sf", Scenario(scenario), $"{server.Address}:{server.Port}", "-i", "127.0.0.1", "-t", transport,
                     "-m", calls.ToString(CultureInfo.InvariantCulture), "-timeout", "30s", "-nostdin",
                     "-trace_err", "-error_file", Path.Combine(folder, "errors.log"),
                     "-trace_msg", "-message_file", Path.Combine(folder, "messages.log"),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        if (injection is not null)
        {
            var csv = Path.Combine(folder, "users.csv");
            File.WriteAllText(csv, "SEQUENTIAL\n" + injection + "\n");
            start.ArgumentList.Add("-inf");
            start.ArgumentList.Add(csv);
        }

        if (localPort is { } port)
        {
            start.ArgumentList.Add("-p");
            start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        }

        return new SippRun(Process.Start(start)!, folder);
    }

    public static async Task<SippRun> RunAsync(string scenario, IPEndPoint server, string? injection = null, string transport = "u1")
    {
        var run = Start(scenario, server, injection, transport: transport);
        await run.ExitAsync();
        return run;
    }

    /// <summary>The CSV field SIPp expands into an Authorization or Proxy-Authorization header.</summary>
    public static string Credentials(string user, string password) => $"[authentication username={user} password={password}]";
}

internal sealed class SippRun
{
    private readonly Process process;
    private readonly string folder;
    private Task<string>? output;

    public SippRun(Process process, string folder)
    {
        this.process = process;
        this.folder = folder;
        output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
    }

    public int ExitCode => process.ExitCode;

    /// <summary>Every message SIPp sent and received.</summary>
    public string Messages => File.Exists(Path.Combine(folder, "messages.log")) ? File.ReadAllText(Path.Combine(folder, "messages.log")) : string.Empty;

    public string Errors => File.Exists(Path.Combine(folder, "errors.log")) ? File.ReadAllText(Path.Combine(folder, "errors.log")) : string.Empty;

    /// <summary>Waits until SIPp has logged a message containing <paramref name="text"/> (it writes the log as it goes).</summary>
    public async Task WaitForMessageAsync(string text, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!Messages.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                throw new TimeoutException($"SIPp logged no message with '{text}' within {within}\n{Errors}\n{Messages}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The messages SIPp received so far, each as logged (start line, headers, body), in order.</summary>
    public IReadOnlyList<string> Received => Logged("received");

    /// <summary>The messages SIPp sent so far (retransmissions included), each as logged, in order.</summary>
    public IReadOnlyList<string> Sent => Logged("sent");

    // SIPp logs each message after a line of dashes and a line such as "UDP message received [176] bytes :".
    private List<string> Logged(string direction) =>
        Messages.Split("-----------------------------------------------", StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('\n', 3))
            .Where(lines => lines.Length == 3 && lines[1].Contains($" message {direction} ", StringComparison.Ordinal))
            .Select(lines => lines[2].TrimStart().TrimEnd('\n'))
            .ToList();

    /// <summary>Waits until what SIPp logged so far (<see cref="Received"/>, <see cref="Sent"/>) satisfies <paramref name="condition"/>.</summary>
    public async Task WaitUntilAsync(Func<SippRun, bool> condition, string what, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                throw new TimeoutException($"SIPp: not {what} within {within}\n{Errors}\n{Messages}");
            }

            await Task.Delay(50);
        }
    }

    public async Task ExitAsync()
    {
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"SIPp did not finish within 60 s\n{Errors}\n{Messages}");
        }

        await output!;
    }

    /// <summary>A readable account for an assertion message.</summary>
    public override string ToString() => $"sipp exit {process.ExitCode}\n{Errors}\n{Messages}";
}
