using System.Diagnostics;
using SimpleActors.Edge.Dialogs;
using SimpleActors.Edge.Tests.Transport;

namespace SimpleActors.Edge.Tests.Dialogs;

/// <summary>
/// An INVITE session with a usage over a real UDP socket, driven by SIPp (tests/load/scenarios/invite_room_uac.xml):
/// the edge, transaction layer and UAS core of this process, as a node would run them with a chat room registered.
/// </summary>
public sealed class InviteUasSippTests : IDisposable
{
    private static readonly string? Sipp = new[] { "/usr/bin/sipp", "/usr/local/bin/sipp" }.FirstOrDefault(File.Exists);

    private readonly UdpSipSocket socket = new();
    private readonly InviteUasEdge edge;

    public InviteUasSippTests()
    {
        edge = new InviteUasEdge(socket, socket.Local.Port);
        socket.Start(edge.Edge);
    }

    public void Dispose()
    {
        socket.Dispose();
        edge.Dispose();
    }

    [SkippableFact]
    public async Task Sipp_sets_up_refreshes_and_ends_a_session_with_the_usage()
    {
        Skip.If(Sipp is null, "SIPp is not installed (apt-get install sip-tester)");
        var folder = Directory.CreateTempSubdirectory("sipp-").FullName;
        var start = new ProcessStartInfo(Sipp!) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "-sf", Path.Combine(AppContext.BaseDirectory, "load", "scenarios", "invite_room_uac.xml"), $"127.0.0.1:{socket.Local.Port}",
                     "-i", "127.0.0.1", "-s", "room", "-m", "1", "-timeout", "20s", "-nostdin", "-trace_err", "-error_file", Path.Combine(folder, "errors.log"),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var sipp = Process.Start(start)!;
        var output = sipp.StandardOutput.ReadToEndAsync();
        var errors = sipp.StandardError.ReadToEndAsync();
        await sipp.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(40));
        var log = Path.Combine(folder, "errors.log");

        Assert.True(sipp.ExitCode == 0, $"SIPp exited {sipp.ExitCode}\n{await errors}\n{(File.Exists(log) ? File.ReadAllText(log) : string.Empty)}\n{await output}");
        await InviteUasEdge.Until(() => !edge.Usage.Ends.IsEmpty, "ended");
        Assert.Equal(2, edge.Usage.Offers.Count);
        Assert.StartsWith("sip:alice-moved@127.0.0.1:", edge.Usage.Confirmations.Last().Dialog.RemoteTarget, StringComparison.Ordinal); // section 14: target refreshed
        Assert.Equal(InviteSessionEnd.Bye, Assert.Single(edge.Usage.Ends).Why);
        Assert.Equal(0, edge.Uas.Count);
    }
}
