using SimpleActors.Edge.Auth;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// The node's word about its credentials file, from its own log: HA1 hashes are as good as passwords, so a file its
/// group or others may read is reported at start and at each reload; the shipped file of demo users, whose passwords
/// are published, is reported as such instead (a fresh clone leaves it readable by all, which protects nothing less).
/// </summary>
public sealed class CredentialsFileWarningTests
{
    private const string Exposed = "may be read by other users";

    [Fact]
    public async Task A_file_others_may_read_is_reported_at_start_and_at_a_reload_and_a_0600_one_is_not()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var file = Path.Combine(Directory.CreateTempSubdirectory("users-").FullName, "users.json");
        UsersFile.Empty.WithUser(StoredUser.Create("sip:dave@example.com", "dave's own")).Write(file);
        File.SetUnixFileMode(file, UsersFile.OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using var node = await NodeProcess.StartShippedAsync(file);
        var copy = Path.Combine(node.Folder, "config", "users.json");
        var atStart = Count(node.Output, Exposed);

        // An editor's rewrite keeps the mode: 0600 is quiet, 0644 again is reported again.
        File.SetUnixFileMode(copy, UsersFile.OwnerOnly);
        File.WriteAllText(copy, UsersFile.Read(copy).WithUser(StoredUser.Create("sip:erin@example.com", "erin's own")).ToJson());
        await WaitForAsync(node, "Reloaded 2 users");
        var after0600 = Count(node.Output, Exposed);
        File.SetUnixFileMode(copy, UsersFile.OwnerOnly | UnixFileMode.OtherRead);
        File.WriteAllText(copy, UsersFile.Read(copy).WithUser(StoredUser.Create("sip:frank@example.com", "frank's own")).ToJson());
        await WaitForAsync(node, "Reloaded 3 users");
        await WaitForAsync(node, "(mode 604)");

        Assert.Equal(1, atStart);
        Assert.Contains("(mode 644)", node.Output, StringComparison.Ordinal);
        Assert.Contains("chmod 600 " + copy, node.Output, StringComparison.Ordinal);
        Assert.Equal(1, after0600);
        Assert.True(Count(node.Output, Exposed) >= 2, node.Output); // once per reload: a rewrite may be read twice (watcher and poll)
        Assert.DoesNotContain("demo users", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_file_is_reported_as_demo_users_not_as_exposed()
    {
        await using var node = await NodeProcess.StartShippedAsync();

        Assert.Contains("holds only the demo users, whose passwords are published", node.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Exposed, node.Output, StringComparison.Ordinal);
    }

    private static int Count(string text, string what) => text.Split(what).Length - 1;

    private static async Task WaitForAsync(NodeProcess node, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!node.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the node did not log '{text}':\n{node.Output}");
            await Task.Delay(100);
        }
    }
}
