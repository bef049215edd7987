using System.Diagnostics;
using SimpleActors.Tests.Shared;

namespace SimpleActors.Node.Tests.Commands;

/// <summary>Runs the built <c>simpleactors</c> as a child process, as an operator or a script would.</summary>
internal static class SimpleactorsProcess
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static ProcessStartInfo Start(string workingDirectory, params string[] arguments) => SimpleactorsStart.Info(workingDirectory, arguments);

    /// <summary>Runs to the end, optionally feeding standard input; returns the exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(ProcessStartInfo start, byte[]? input = null)
    {
        start.RedirectStandardInput = input is not null;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(input);
            process.StandardInput.Close();
        }

        await process.WaitForExitAsync().WaitAsync(Timeout);
        return (process.ExitCode, await output + await error);
    }
}
