using System.Diagnostics;

namespace SimpleActors.Node.Tests.Commands;

/// <summary>Runs the built <c>simpleactors</c> as a child process, as an operator or a script would.</summary>
internal static class SimpleactorsProcess
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static ProcessStartInfo Start(string workingDirectory, params string[] arguments)
    {
        // The test output holds simpleactors.dll (a project reference); run it with the same dotnet.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "simpleactors.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

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
