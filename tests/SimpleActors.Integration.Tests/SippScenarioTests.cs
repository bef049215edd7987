
namespace SimpleActors.Integration.Tests;

/// <summary>The scenarios of tests/load driven by SIPp (a real, independent SIP implementation) against a node.</summary>
public sealed class SippScenarioTests : IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await node.DisposeAsync();

    private static string Register(string user, string password, int expires, int contactPort) =>
        $"{user};{Sipp.Credentials(user, password)};{expires};example.com;{contactPort}";

    private static string Message(string from, string password, string to) =>
        $"{from};{Sipp.Credentials(from, password)};example.com;{to}";

    [SkippableFact]
    public async Task Register_with_digest_and_unregister_over_udp_and_tcp()
    {
        Sipp.SkipIfMissing();

        var udp = await Sipp.RunAsync("register.xml", node.Udp, Register("alice", "alice-pw", 600, 5999));
        var tcp = await Sipp.RunAsync("register.xml", node.Tcp, Register("bob", "bob-pw", 600, 5998), transport: "t1");
        var unregister = await Sipp.RunAsync("register.xml", node.Udp, Register("alice", "alice-pw", 0, 5999));

        Assert.True(udp.ExitCode == 0, udp.ToString());
        Assert.True(tcp.ExitCode == 0, tcp.ToString());
        Assert.True(unregister.ExitCode == 0, unregister.ToString());
        Assert.Contains("Contact: <sip:alice@127.0.0.1:5999;transport=UDP>;expires=", udp.Messages, StringComparison.Ordinal);
        Assert.DoesNotContain("Contact: <sip:alice@127.0.0.1:5999", unregister.Messages.Split("SIP/2.0 200 OK").Last(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Message_to_an_online_sipp_user_agent_is_delivered_and_answered()
    {
        Sipp.SkipIfMissing();
        var bobPort = Sipp.FreeUdpPort();
        var bob = Sipp.Start("message_uas.xml", node.Udp, localPort: bobPort);

        var registered = await Sipp.RunAsync("register.xml", node.Udp, Register("bob", "bob-pw", 600, bobPort));
        var sent = await Sipp.RunAsync("message_uac.xml", node.Udp, Message("alice", "alice-pw", "bob"));
        await bob.ExitAsync();

        Assert.True(registered.ExitCode == 0, registered.ToString());
        Assert.True(sent.ExitCode == 0, sent.ToString());
        Assert.True(bob.ExitCode == 0, bob.ToString());
        Assert.Contains("SIP/2.0 200 OK", sent.Messages, StringComparison.Ordinal);
        Assert.Contains("Hello bob, this is alice", bob.Messages, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Message_to_an_offline_user_is_stored_survives_a_restart_and_is_delivered_on_the_next_register()
    {
        Sipp.SkipIfMissing();

        var sent = await Sipp.RunAsync("message_uac.xml", node.Udp, Message("alice", "alice-pw", "carol"));
        await node.RestartAsync();
        var carolPort = Sipp.FreeUdpPort();
        var carol = Sipp.Start("message_uas.xml", node.Udp, localPort: carolPort);
        var registered = await Sipp.RunAsync("register.xml", node.Udp, Register("carol", "carol-pw", 600, carolPort));
        await carol.ExitAsync();

        Assert.True(sent.ExitCode == 0, sent.ToString());
        Assert.Contains("SIP/2.0 202 Accepted", sent.Messages, StringComparison.Ordinal);
        Assert.True(registered.ExitCode == 0, registered.ToString());
        Assert.True(carol.ExitCode == 0, carol.ToString());
        Assert.Contains("Hello carol, this is alice", carol.Messages, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Publish_cycle_with_digest_over_udp_and_tcp()
    {
        Sipp.SkipIfMissing();

        var udp = await Sipp.RunAsync("publish.xml", node.Udp, $"alice;{Sipp.Credentials("alice", "alice-pw")};example.com");
        var tcp = await Sipp.RunAsync("publish.xml", node.Tcp, $"bob;{Sipp.Credentials("bob", "bob-pw")};example.com", transport: "t1");

        Assert.True(udp.ExitCode == 0, udp.ToString());
        Assert.True(tcp.ExitCode == 0, tcp.ToString());
        Assert.Contains("SIP/2.0 412", udp.Messages, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_resource_list_subscription_gets_a_multipart_related_notify_with_rlmi_first_and_the_resources_pidf()
    {
        Sipp.SkipIfMissing();
        await using var bob = TestPhone.Udp("sip:bob@example.com", node.Udp);
        var published = await bob.RequestAsync(
            "PUBLISH", "sip:bob@example.com", "<sip:bob@example.com>",
            """<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:bob@example.com"><tuple id="t1"><status><basic>open</basic></status></tuple></presence>""",
            "bob-pw", "Event: presence", "Content-Type: application/pidf+xml");

        var run = await Sipp.RunAsync("rls_subscribe.xml", node.Udp, $"alice;{Sipp.Credentials("alice", "alice-pw")};example.com;bob");

        Assert.True(published.IsSuccess, published.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());

        // RFC 4662 section 5.5: the instance's cid names a part of the same body, by its Content-ID in angle brackets.
        var cid = System.Text.RegularExpressions.Regex.Match(run.Messages, "state=\"active\" cid=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(cid);
        Assert.Contains($"Content-ID: <{cid}>", run.Messages, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Subscribe_notify_refresh_and_unsubscribe_over_udp_and_tcp()
    {
        Sipp.SkipIfMissing();

        var udp = await Sipp.RunAsync("subscribe.xml", node.Udp, $"bob;{Sipp.Credentials("bob", "bob-pw")};example.com;alice");
        var tcp = await Sipp.RunAsync("subscribe.xml", node.Tcp, $"carol;{Sipp.Credentials("carol", "carol-pw")};example.com;alice", transport: "t1");

        Assert.True(udp.ExitCode == 0, udp.ToString());
        Assert.True(tcp.ExitCode == 0, tcp.ToString());
        Assert.Contains("Subscription-State: terminated;reason=timeout", udp.Messages, StringComparison.Ordinal);
        Assert.Contains("<basic>closed</basic>", udp.Messages, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("u1")]
    [InlineData("t1")]
    public async Task Watcher_info_shows_the_owner_a_sipp_watcher_subscribe_and_leave(string ownerTransport)
    {
        Sipp.SkipIfMissing();

        var owner = ownerTransport == "t1"
            ? Sipp.Start("winfo.xml", node.Tcp, $"alice;{Sipp.Credentials("alice", "alice-pw")};example.com", transport: "t1")
            : Sipp.Start("winfo.xml", node.Udp, $"alice;{Sipp.Credentials("alice", "alice-pw")};example.com", localPort: Sipp.FreeUdpPort());
        await owner.WaitForMessageAsync("state=\"full\"", TimeSpan.FromSeconds(20));
        var watcher = await Sipp.RunAsync("subscribe.xml", node.Udp, $"bob;{Sipp.Credentials("bob", "bob-pw")};example.com;alice");
        await owner.ExitAsync();

        Assert.True(watcher.ExitCode == 0, watcher.ToString());
        Assert.True(owner.ExitCode == 0, owner.ToString());
        Assert.Contains("Event: presence.winfo", owner.Messages, StringComparison.Ordinal);
        Assert.Contains("<watcher id=", owner.Messages, StringComparison.Ordinal);
        Assert.Contains(">sip:bob@example.com</watcher>", owner.Messages, StringComparison.Ordinal);
        Assert.Contains("Subscription-State: terminated;reason=timeout", owner.Messages, StringComparison.Ordinal);
    }
}
