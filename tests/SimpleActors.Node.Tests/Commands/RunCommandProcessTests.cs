using System.Diagnostics;
using System.Text;

namespace SimpleActors.Node.Tests.Commands;

/// <summary>Runs the built <c>simpleactors</c> as a child process, as an operator would.</summary>
public class RunCommandProcessTests
{
    [Fact]
    public async Task Run_logs_up_and_exits_cleanly_with_0_on_SIGTERM()
    {
        using var temp = new TemporaryDirectory();
        var start = SimpleactorsProcess.Start(temp.Path, "run", "--data-dir", "state", "--Cluster:Port=0", "--Sip:Listeners:0:Port=0", "--Sip:Listeners:1:Port=0", "--Sip:Listeners:2:Port=0", "--Sip:Listeners:3:Port=0", "--Sip:Listeners:4:Port=0", "--Admin:Port=0", "--Xcap:Port=0", "--Xcap:HttpsPort=-1");
        start.Environment["SIMPLEACTORS__Cluster__Roles__0"] = "core";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var up = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data.Contains("SimpleActors node up at", StringComparison.Ordinal))
            {
                up.TrySetResult(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var upLine = await up.Task.WaitAsync(SimpleactorsProcess.Timeout);
            Assert.Contains("akka.tcp://simpleactors@127.0.0.1:", upLine, StringComparison.Ordinal);
            Assert.Contains("roles core", upLine, StringComparison.Ordinal);
            Assert.DoesNotContain("edge", upLine, StringComparison.Ordinal);

            PosixSignal.Terminate(process.Id);

            await process.WaitForExitAsync().WaitAsync(SimpleactorsProcess.Timeout);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        string log;
        lock (output)
        {
            log = output.ToString();
        }

        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}; output:\n{log}");
        Assert.Contains("SimpleActors node stopped", log, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(temp.Path, "state", "simpleactors.db")));
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        using var temp = new TemporaryDirectory();

        var (exitCode, output) = await SimpleactorsProcess.RunToEndAsync(SimpleactorsProcess.Start(temp.Path, "--help"));

        Assert.Equal(0, exitCode);
        Assert.Contains("run", output, StringComparison.Ordinal);
        Assert.Contains("Commands:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_product_version()
    {
        using var temp = new TemporaryDirectory();

        var (exitCode, output) = await SimpleactorsProcess.RunToEndAsync(SimpleactorsProcess.Start(temp.Path, "--version"));

        Assert.Equal(0, exitCode);
        Assert.StartsWith("0.1.0", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_invalid_configuration_exits_with_2_and_names_the_key()
    {
        using var temp = new TemporaryDirectory();

        var (exitCode, output) = await SimpleactorsProcess.RunToEndAsync(
            SimpleactorsProcess.Start(temp.Path, "run", "--data-dir", "state", "--Cluster:Seeds:0=not-an-address"));

        Assert.Equal(2, exitCode);
        Assert.Contains("Cluster:Seeds", output, StringComparison.Ordinal);
    }
}
