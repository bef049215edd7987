using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// Presence drills driven by SIPp (a real, independent SIP implementation) over UDP against a real node: one PUBLISH
/// fanned out to many SIPp watchers, and a SIPp watcher whose dialog outlives a kill -9 of the node process.
/// The scenarios (tests/load/scenarios) check each message themselves; the assertions here check the same from SIPp's
/// message log, across calls, so that a scenario that passes too easily is caught.
/// </summary>
public sealed class SippPresenceDrillTests(ITestOutputHelper output)
{
    private const int Watchers = 20;

    [SkippableFact]
    public async Task One_publish_reaches_twenty_sipp_watchers_each_in_its_own_dialog()
    {
        Sipp.SkipIfMissing();
        const string note = "drill: fan-out to twenty watchers";
        await using var node = await TestNode.StartAsync();

        // Half the watchers bob, half carol: each a call of its own (own Call-ID and From-tag), all on one SIPp port.
        var lines = Enumerable.Range(0, Watchers)
            .Select(i => i % 2 == 0 ? ("bob", "bob-pw") : ("carol", "carol-pw"))
            .Select(user => $"{user.Item1};{Sipp.Credentials(user.Item1, user.Item2)};example.com;alice");
        var watchers = Sipp.Start("fanout_watcher.xml", node.Udp, string.Join('\n', lines), calls: Watchers, localPort: Sipp.FreeUdpPort());
        await watchers.WaitUntilAsync(
            run => Dialogs(Notifies(run.Received)).Count == Watchers, $"an initial NOTIFY in each of {Watchers} dialogs", TimeSpan.FromSeconds(20));
        var initial = Notifies(watchers.Received);

        var clock = Stopwatch.StartNew();
        var publish = await Sipp.RunAsync("publish_once.xml", node.Udp, $"alice;{Sipp.Credentials("alice", "alice-pw")};example.com;{note}");
        await watchers.WaitUntilAsync(
            run => Dialogs(Notifies(run.Received).Where(n => Body(n).Contains(note, StringComparison.Ordinal))).Count == Watchers,
            "the published state in every dialog",
            TimeSpan.FromSeconds(20));
        output.WriteLine($"PUBLISH sent and its state NOTIFYed to all {Watchers} watchers in {clock.ElapsedMilliseconds} ms");
        await watchers.ExitAsync();

        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.True(watchers.ExitCode == 0, watchers.ToString());
        Assert.All(initial, n => Assert.DoesNotContain(note, Body(n), StringComparison.Ordinal));
        var notifies = Notifies(watchers.Received);
        var dialogs = Dialogs(notifies);
        Assert.Equal(Watchers, dialogs.Count);
        Assert.Equal(Watchers, notifies.Select(n => Header(n, "Call-ID")).Distinct().Count());
        foreach (var dialog in dialogs)
        {
            // Per dialog, retransmissions aside: the state before, the published state, the final NOTIFY; CSeq rising.
            var sequence = notifies.Where(n => Dialog(n) == dialog).DistinctBy(CSeq).ToList();
            Assert.True(sequence.Count == 3, $"{dialog}: {sequence.Count} NOTIFYs\n{string.Join("\n\n", sequence)}");
            Assert.Contains("<basic>closed</basic>", Body(sequence[0]), StringComparison.Ordinal);
            Assert.Contains("<basic>open</basic>", Body(sequence[1]), StringComparison.Ordinal);
            Assert.Contains($">{note}</note>", Body(sequence[1]), StringComparison.Ordinal);
            Assert.StartsWith("active", Header(sequence[1], "Subscription-State"), StringComparison.Ordinal);
            Assert.StartsWith("terminated", Header(sequence[2], "Subscription-State"), StringComparison.Ordinal);
            Assert.True(CSeq(sequence[0]) < CSeq(sequence[1]) && CSeq(sequence[1]) < CSeq(sequence[2]), string.Join("\n\n", sequence));
        }
    }

    [SkippableFact]
    public async Task A_sipp_watcher_keeps_its_dialog_across_a_kill_9_and_restart_of_the_node()
    {
        Sipp.SkipIfMissing();
        const string note = "drill: back after kill -9";
        await using var node = await NodeProcess.StartAsync();
        var watcher = Sipp.Start("watch_across_restart.xml", node.Udp, "bob;example.com;alice", localPort: Sipp.FreeUdpPort());

        // Subscribed: the 200 to the SUBSCRIBE is in, and the first NOTIFY is in and answered.
        await watcher.WaitUntilAsync(
            run => run.Received.Any(m => m.StartsWith("SIP/2.0 200", StringComparison.Ordinal) && Header(m, "CSeq") == "1 SUBSCRIBE")
                   && run.Sent.Any(m => m.StartsWith("SIP/2.0 200", StringComparison.Ordinal) && Header(m, "CSeq").EndsWith(" NOTIFY", StringComparison.Ordinal)),
            "subscribed with the first NOTIFY answered",
            TimeSpan.FromSeconds(20));
        await Task.Delay(300); // let the node take in the 200 to its NOTIFY
        var beforeKill = Notifies(watcher.Received);

        var clock = Stopwatch.StartNew();
        await node.KillAsync();
        await node.StartAgainAsync();
        output.WriteLine($"killed and up again in {clock.ElapsedMilliseconds} ms");
        var publish = await Sipp.RunAsync("publish_once.xml", node.Udp, $"alice;{Sipp.Credentials("alice", "alice-pw")};example.com;{note}");
        await watcher.ExitAsync();

        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.True(watcher.ExitCode == 0, watcher.ToString());
        var before = Assert.Single(beforeKill.DistinctBy(CSeq));
        Assert.DoesNotContain(note, Body(before), StringComparison.Ordinal);
        var notifies = Notifies(watcher.Received).DistinctBy(CSeq).ToList();

        // One dialog throughout: the same Call-ID and tags in every NOTIFY, before and after the kill.
        Assert.Equal([Dialog(before)], notifies.Select(Dialog).Distinct());

        // First, published after the restart, refresh, final: CSeq rising across the kill.
        Assert.True(notifies.Count == 4, string.Join("\n\n", notifies));
        Assert.Equal(CSeq(before), CSeq(notifies[0]));
        Assert.True(CSeq(notifies[1]) > CSeq(before), $"after the restart CSeq {CSeq(notifies[1])}, before the kill {CSeq(before)}");
        Assert.Contains($">{note}</note>", Body(notifies[1]), StringComparison.Ordinal);
        Assert.Contains("<basic>open</basic>", Body(notifies[1]), StringComparison.Ordinal);
        Assert.True(CSeq(notifies[2]) > CSeq(notifies[1]) && CSeq(notifies[3]) > CSeq(notifies[2]), string.Join("\n\n", notifies));
        Assert.StartsWith("terminated", Header(notifies[3], "Subscription-State"), StringComparison.Ordinal);

        // The refresh and the unsubscribe, sent in the dialog after the restart, were both answered 200 (not 481).
        var answers = watcher.Received.Where(m => Header(m, "CSeq").EndsWith(" SUBSCRIBE", StringComparison.Ordinal)).ToList();
        Assert.All(answers, m => Assert.StartsWith("SIP/2.0 200", m, StringComparison.Ordinal));
        Assert.Equal(["1 SUBSCRIBE", "2 SUBSCRIBE", "3 SUBSCRIBE"], answers.Select(m => Header(m, "CSeq")).Distinct().Order());
    }

    private static List<string> Notifies(IEnumerable<string> received) =>
        received.Where(m => m.StartsWith("NOTIFY ", StringComparison.Ordinal) && m.Contains("\r\n\r\n", StringComparison.Ordinal)).ToList();

    private static List<string> Dialogs(IEnumerable<string> notifies) => notifies.Select(Dialog).Distinct().ToList();

    // Call-ID and both tags, as the watcher's end of the dialog sees them (RFC 3261 section 12).
    private static string Dialog(string message) =>
        $"{Header(message, "Call-ID")} {Tag(Header(message, "From"))} {Tag(Header(message, "To"))}";

    private static string Tag(string address) =>
        address.Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("tag=", StringComparison.Ordinal))?[4..] ?? string.Empty;

    private static long CSeq(string message) => long.Parse(Header(message, "CSeq").Split(' ')[0], CultureInfo.InvariantCulture);

    private static string Header(string message, string name) =>
        message.Split("\r\n\r\n", 2)[0].Split("\r\n")
            .Where(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            .Select(line => line[(name.Length + 1)..].Trim())
            .FirstOrDefault() ?? string.Empty;

    private static string Body(string message) => message.Split("\r\n\r\n", 2) is [_, var body] ? body : string.Empty;
}
