using System.Diagnostics;
using SimpleActors.Tests.Shared;

namespace SimpleActors.Integration.Tests;

/// <summary>The child process ended before its node was up.</summary>
internal sealed class ChildExitedException(string message) : Exception(message);

/// <summary>The built <c>simpleactors</c> started as a child process, as an operator starts a node.</summary>
internal static class SimpleactorsChild
{
    /// <summary>
    /// Starts <c>dotnet simpleactors.dll</c> with <paramref name="arguments"/> in <paramref name="folder"/>, hands every line
    /// it writes (standard output and error) to <paramref name="onLine"/>, and returns once it logs that its node is up.
    /// </summary>
    public static async Task<Process> StartAsync(string folder, IEnumerable<string> arguments, Action<string> onLine, TimeSpan timeout)
    {
        var start = SimpleactorsStart.Info(folder, arguments);
        var process = Process.Start(start)!;
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }

            onLine(line.Data);
            if (line.Data.Contains("node up", StringComparison.Ordinal))
            {
                up.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                onLine(line.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(up.Task, exited).WaitAsync(timeout);
        if (first == exited)
        {
            // Ended before its node was up: a port taken between our choosing it and its bind, a bad argument...
            throw new ChildExitedException($"simpleactors exited with {process.ExitCode} before its node was up");
        }

        return process;
    }
}
