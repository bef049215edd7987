using System.Diagnostics;
using System.Text;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// A third-party SIP client run as a process (baresip, sipsak, node with the npm sip package). A missing client fails
/// the test, it is not skipped: .ci/run and <c>build.ps1 test</c> install them (apt packages baresip-core, sipsak, nodejs, npm).
/// </summary>
internal static class ExternalClient
{
    /// <summary>The full path of <paramref name="name"/> on the PATH; fails the test naming the package when it is missing.</summary>
    public static string Require(string name, string package)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
        Assert.True(found is not null, $"{name} is not installed (apt-get install {package}; .ci/run and build.ps1 test install it)");
        return found!;
    }

    /// <summary>Runs <paramref name="executable"/> to its end (killed after <paramref name="timeout"/>); its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string executable, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        output.Append(await stdout).Append(await stderr);
        return (process.HasExited ? process.ExitCode : -1, output.ToString());
    }
}
