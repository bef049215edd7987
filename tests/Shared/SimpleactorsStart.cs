using System.Diagnostics;

namespace SimpleActors.Tests.Shared;

/// <summary>
/// (Shared by the Node and Integration tests, linked into both.) How the built <c>simpleactors</c> is started as a child
/// process: the test output holds simpleactors.dll (a project reference), run with the same dotnet.
/// </summary>
internal static class SimpleactorsStart
{
    public static ProcessStartInfo Info(string workingDirectory, IEnumerable<string> arguments)
    {
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
}
