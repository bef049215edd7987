using System.Diagnostics;
using System.Text;

namespace SimpleActors.Integration.Tests.Readme;

/// <summary>
/// One command line run by bash in a process group of its own (setsid), as a terminal runs it: its output (standard
/// output and error together) is kept, and a stop is SIGTERM to the whole group, the signal the README names for
/// stopping a server.
/// </summary>
internal sealed class ShellCommand : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly Lock gate = new();

    private ShellCommand(Process process)
    {
        this.process = process;
        Group = process.Id;
    }

    /// <summary>The process group (and id of the bash that runs the command line).</summary>
    public int Group { get; }

    public string Output
    {
        get
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    /// <summary>Starts <paramref name="commandLine"/> in <paramref name="folder"/>; <paramref name="input"/> is its standard input.</summary>
    public static ShellCommand Start(string folder, string commandLine, string? input = null)
    {
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        var process = Process.Start(start)!;
        var command = new ShellCommand(process);
        process.OutputDataReceived += (_, line) => command.Append(line.Data);
        process.ErrorDataReceived += (_, line) => command.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();

        // setsid makes bash the leader of a new session (and group) when it is not a group leader itself, which a child
        // of this process never is: the group is then bash's id, a moment after the start.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (ProcessGroup.Of(process.Id) != process.Id && !process.HasExited)
        {
            if (DateTime.UtcNow > deadline)
            {
                process.Kill();
                throw new InvalidOperationException($"setsid did not make bash ({process.Id}) the leader of a process group");
            }

            Thread.Sleep(5);
        }

        return command;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails when the command ends first or time runs out.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                if (Output.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                throw new InvalidOperationException($"the command ended ({process.ExitCode}) before it printed '{text}':\n{Tail()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{text}' not printed within {timeout}:\n{Tail()}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits until bash has ended and every process writing to its output has closed it; the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the command did not end within {timeout}:\n{Tail()}");
        }

        return process.ExitCode;
    }

    /// <summary>SIGTERM to every process of the command line, then <see cref="WaitForExitAsync"/>.</summary>
    public Task<int> StopAsync(TimeSpan timeout)
    {
        ProcessGroup.Signal(Group, ProcessGroup.SigTerm);
        return WaitForExitAsync(timeout);
    }

    /// <summary>SIGKILL to every process left in the group (servers the command line started in the background too).</summary>
    public void KillGroup() => ProcessGroup.Signal(Group, ProcessGroup.SigKill);

    /// <summary>The end of the output, for a failure's message.</summary>
    public string Tail(int characters = 6000)
    {
        var text = Output;
        return text.Length <= characters ? text : "..." + text[^characters..];
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            KillGroup();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            output.Append(line).Append('\n');
        }
    }
}
