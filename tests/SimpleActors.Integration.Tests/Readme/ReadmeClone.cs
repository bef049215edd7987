namespace SimpleActors.Integration.Tests.Readme;

/// <summary>
/// A folder shaped like the top of a fresh clone, where the README's commands run as written: its own copies of
/// <c>config/</c> and <c>.config/</c> (the commands change <c>config/users.json</c>, write <c>data/</c> and restore the
/// pinned tools), and the repository's <c>tests/</c> linked (<c>sip lint</c> reads vectors from it). <c>./simpleactors</c>
/// and <c>./build.ps1</c> are the repository's own, named by their full path: the one thing changed in a command.
/// </summary>
internal sealed class ReadmeClone : IDisposable
{
    public ReadmeClone()
    {
        Path = Directory.CreateTempSubdirectory("simpleactors-readme-").FullName;
        Copy(System.IO.Path.Combine(ReadmeDocument.Repository, "config"), System.IO.Path.Combine(Path, "config"));
        Copy(System.IO.Path.Combine(ReadmeDocument.Repository, ".config"), System.IO.Path.Combine(Path, ".config"));
        Directory.CreateSymbolicLink(System.IO.Path.Combine(Path, "tests"), System.IO.Path.Combine(ReadmeDocument.Repository, "tests"));
    }

    public string Path { get; }

    /// <summary>The command line bash runs for a README command.</summary>
    public static string CommandLine(string readmeCommand)
    {
        ArgumentNullException.ThrowIfNull(readmeCommand);
        return readmeCommand
            .Replace("./simpleactors", Quoted(System.IO.Path.Combine(ReadmeDocument.Repository, "simpleactors")), StringComparison.Ordinal)
            .Replace("./build.ps1", Quoted(System.IO.Path.Combine(ReadmeDocument.Repository, "build.ps1")), StringComparison.Ordinal);
    }

    /// <summary>Starts a README command here (a server, for example), its output kept.</summary>
    public ShellCommand Start(string readmeCommand, string? input = null) => ShellCommand.Start(Path, CommandLine(readmeCommand), input);

    /// <summary>Runs a README command here to its end.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string readmeCommand, TimeSpan timeout, string? input = null)
    {
        using var command = Start(readmeCommand, input);
        var exitCode = await command.WaitForExitAsync(timeout);
        return (exitCode, command.Output);
    }

    public string File(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    public void Dispose()
    {
        try
        {
            // The link first, on its own: a recursive delete must never reach the repository's tests.
            System.IO.File.Delete(System.IO.Path.Combine(Path, "tests"));
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; harmless.
        }
    }

    private static string Quoted(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            System.IO.File.Copy(file, target);
        }
    }
}
