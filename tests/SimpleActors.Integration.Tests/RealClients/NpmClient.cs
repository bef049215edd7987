using System.Text.Json;

namespace SimpleActors.Integration.Tests.RealClients;

/// <summary>The npm clients of tests/clients (copied beside the tests): their packages, and the steps they print.</summary>
internal static class NpmClient
{
    /// <summary>The folder of <c>tests/clients/<paramref name="name"/></c>, with <c>npm ci</c> run when its packages are missing.</summary>
    public static async Task<string> InstalledAsync(string name, TimeSpan timeout)
    {
        var client = Path.Combine(AppContext.BaseDirectory, "clients", name);
        if (!Directory.Exists(Path.Combine(client, "node_modules")))
        {
            var npm = ExternalClient.Require("npm", "npm");
            var install = await ExternalClient.RunAsync(npm, ["ci", "--no-audit", "--no-fund"], timeout, client);
            Assert.True(install.ExitCode == 0, "npm ci: " + install.Output);
        }

        return client;
    }

    /// <summary>The JSON lines a client wrote, one per step, by the step's name.</summary>
    public static Dictionary<string, JsonElement> Steps(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonSerializer.Deserialize<JsonElement>(line))
            .ToDictionary(step => step.GetProperty("step").GetString()!, step => step);
}
