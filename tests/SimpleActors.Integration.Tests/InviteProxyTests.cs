using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// The node as a stateful proxy for INVITE (RFC 3261 section 16) between SIPp user agents over real sockets, following
/// the call flows of RFC 3665 that apply to one proxy: 3.1 (a session, with the caller authenticating to the proxy),
/// 3.6 (busy), 3.8 (no answer, CANCEL), 3.9 (temporarily unavailable: no contact), and 404 for no such user. The
/// callee is a SIPp server registered at its port; the caller is a SIPp client. In-dialog requests go on only with the
/// mark of a dialog we record-routed in their Route; forged ones are refused before they leave the node.
/// </summary>
public sealed class InviteProxyTests : IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await node.DisposeAsync();

    /// <summary>Starts the callee's SIPp server and registers its port as bob's contact.</summary>
    private async Task<(SippRun Callee, int Port)> RegisteredCalleeAsync(string scenario)
    {
        var port = Sipp.FreeUdpPort();
        var callee = Sipp.Start(scenario, node.Udp, localPort: port);
        var registered = await Sipp.RunAsync("register.xml", node.Udp, $"bob;{Sipp.Credentials("bob", "bob-pw")};600;example.com;{port}");
        Assert.True(registered.ExitCode == 0, registered.ToString());
        return (callee, port);
    }

    /// <summary>A call from a SIPp client to bob's SIPp server, both run to their end; each must have ended well.</summary>
    private async Task<(SippRun Caller, SippRun Callee, int CalleePort)> CallAsync(
        string calleeScenario, string callerScenario, string injection, bool overTcp = false)
    {
        var (callee, port) = await RegisteredCalleeAsync(calleeScenario);
        var caller = await Sipp.RunAsync(callerScenario, overTcp ? node.Tcp : node.Udp, injection, transport: overTcp ? "t1" : "u1");
        await callee.ExitAsync();
        Assert.True(caller.ExitCode == 0, caller + "\n--- callee ---\n" + callee);
        Assert.True(callee.ExitCode == 0, callee.ToString());
        return (caller, callee, port);
    }

    private static string Received(SippRun run, string startLine) =>
        run.Received.FirstOrDefault(m => m.StartsWith(startLine, StringComparison.Ordinal)) ?? throw new Xunit.Sdk.XunitException($"No {startLine}\n{run}");

    [SkippableFact]
    public async Task Session_through_the_proxy_authenticated_caller_rings_answers_and_hangs_up_along_the_record_route()
    {
        Sipp.SkipIfMissing();
        var (alice, bob, bobPort) = await CallAsync("invite_uas.xml", "invite_uac.xml", $"alice;{Sipp.Credentials("alice", "alice-pw")};example.com;bob");
        var ourRoute = $"<sip:127.0.0.1:{node.Udp.Port};transport=udp;lr;sa-rr="; // and the dialog's mark

        // RFC 3261 section 22.3: the caller of ours is challenged by the proxy first.
        Assert.Contains(alice.Received, m => m.StartsWith("SIP/2.0 407", StringComparison.Ordinal));

        // Section 16.6: the callee gets the INVITE at its contact, with our Via on top, our Record-Route, one hop less,
        // and without the credentials meant for us.
        var invite = Received(bob, $"INVITE sip:bob@127.0.0.1:{bobPort};transport=UDP SIP/2.0");
        Assert.Contains("Record-Route: " + ourRoute, invite, StringComparison.Ordinal);
        Assert.Contains($"SIP/2.0/UDP 127.0.0.1:{node.Udp.Port};", invite, StringComparison.Ordinal);
        Assert.Contains("Max-Forwards: 69", invite, StringComparison.Ordinal);
        Assert.DoesNotContain("Proxy-Authorization", invite, StringComparison.Ordinal);

        // Section 16.7: 180 and 200 relayed with our Via removed; the caller learns the route set from the 200.
        var ok = Received(alice, "SIP/2.0 200 OK");
        Assert.Contains("Record-Route: " + ourRoute, ok, StringComparison.Ordinal);
        Assert.DoesNotContain($"SIP/2.0/UDP 127.0.0.1:{node.Udp.Port};", ok, StringComparison.Ordinal);
        Assert.Contains(alice.Received, m => m.StartsWith("SIP/2.0 180 Ringing", StringComparison.Ordinal));

        // Section 16.4 and 16.11: ACK and BYE come back through us, our Route taken off, to the callee's contact.
        var ack = Received(bob, $"ACK sip:127.0.0.1:{bobPort};transport=UDP SIP/2.0");
        var bye = Received(bob, $"BYE sip:127.0.0.1:{bobPort};transport=UDP SIP/2.0");
        Assert.DoesNotContain("Route:", ack, StringComparison.Ordinal);
        Assert.DoesNotContain("Route:", bye, StringComparison.Ordinal);
        Assert.Contains($"SIP/2.0/UDP 127.0.0.1:{node.Udp.Port};", bye, StringComparison.Ordinal);
        Assert.Equal(2, alice.Received.Count(m => m.StartsWith("SIP/2.0 200 OK", StringComparison.Ordinal))); // the INVITE's and the BYE's
    }

    [SkippableFact]
    public async Task Caller_over_tcp_and_callee_over_udp_get_a_double_record_route_and_the_dialog_runs_through_both()
    {
        Sipp.SkipIfMissing();
        var (alice, bob, bobPort) = await CallAsync(
            "invite_uas.xml", "invite_uac.xml", $"alice;{Sipp.Credentials("alice", "alice-pw")};example.com;bob", overTcp: true);

        // RFC 5658 section 3.3: the value facing the callee (UDP) on top, the one facing the caller (TCP) below, both
        // with the dialog's mark.
        var invite = Received(bob, $"INVITE sip:bob@127.0.0.1:{bobPort};transport=UDP SIP/2.0");
        var udpRoute = $"<sip:127.0.0.1:{node.Udp.Port};transport=udp;lr;sa-rr=";
        var tcpRoute = $"<sip:127.0.0.1:{node.Tcp.Port};transport=tcp;lr;sa-rr=";
        Assert.True(invite.IndexOf("Record-Route: " + udpRoute, StringComparison.Ordinal) is var udp and >= 0
                    && invite.IndexOf("Record-Route: " + tcpRoute, StringComparison.Ordinal) > udp, invite);

        // Both of our Route values are taken off the caller's BYE, which reaches the callee over UDP.
        var bye = Received(bob, $"BYE sip:127.0.0.1:{bobPort};transport=UDP SIP/2.0");
        Assert.DoesNotContain("Route:", bye, StringComparison.Ordinal);
        Assert.Contains($"SIP/2.0/UDP 127.0.0.1:{node.Udp.Port};", bye, StringComparison.Ordinal);
        Assert.Equal(2, alice.Received.Count(m => m.StartsWith("SIP/2.0 200 OK", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task Busy_callee_486_is_relayed_and_each_hop_acknowledges_it()
    {
        Sipp.SkipIfMissing();
        var (caller, bob, _) = await CallAsync("invite_uas_busy.xml", "invite_uac_rejected.xml", "zed;example.org;example.com;bob");
        Assert.Contains(caller.Received, m => m.StartsWith("SIP/2.0 100", StringComparison.Ordinal)); // section 16.2
        Assert.Contains(caller.Received, m => m.StartsWith("SIP/2.0 486 Busy Here", StringComparison.Ordinal));

        // Section 17.1.1.3: the proxy's client transaction ACKs the 486 itself; the caller's ACK stops at the proxy.
        var ack = Received(bob, "ACK sip:bob@127.0.0.1:");
        Assert.DoesNotContain("zed@", ack.Split('\n')[0], StringComparison.Ordinal);
        Assert.Single(bob.Received, m => m.StartsWith("ACK ", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task No_answer_cancelled_by_the_caller_ends_with_487_and_the_callee_cancelled()
    {
        Sipp.SkipIfMissing();
        var (caller, bob, _) = await CallAsync("invite_uas_noanswer.xml", "invite_uac_cancel.xml", "zed;example.org;example.com;bob");

        // RFC 3261 section 16.10: 200 for the CANCEL, a CANCEL of the proxy's own down the branch, 487 for the INVITE.
        var cancel = Received(bob, "CANCEL sip:bob@127.0.0.1:");
        Assert.Contains($"SIP/2.0/UDP 127.0.0.1:{node.Udp.Port};", cancel, StringComparison.Ordinal);
        Assert.Contains("CSeq: 1 CANCEL", cancel, StringComparison.Ordinal);
        Assert.Contains(caller.Received, m => m.StartsWith("SIP/2.0 487", StringComparison.Ordinal) && m.Contains("CSeq: 1 INVITE", StringComparison.Ordinal));
        Assert.Contains(caller.Received, m => m.StartsWith("SIP/2.0 200", StringComparison.Ordinal) && m.Contains("CSeq: 1 CANCEL", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Unknown_user_is_404_and_a_user_without_a_contact_is_480()
    {
        Sipp.SkipIfMissing();

        var unknown = await Sipp.RunAsync("invite_uac_rejected.xml", node.Udp, "zed;example.org;example.com;nobody");
        var offline = await Sipp.RunAsync("invite_uac_rejected.xml", node.Udp, "zed;example.org;example.com;carol");

        Assert.True(unknown.ExitCode == 0, unknown.ToString());
        Assert.True(offline.ExitCode == 0, offline.ToString());
        Assert.Contains(unknown.Received, m => m.StartsWith("SIP/2.0 404", StringComparison.Ordinal));
        Assert.Contains(offline.Received, m => m.StartsWith("SIP/2.0 480", StringComparison.Ordinal));
    }

    /// <summary>A UDP socket the test listens on, standing for a target the forger wants the node to send to.</summary>
    private TestPhone Target() => TestPhone.Udp("sip:target@198.51.100.1", node.Udp);

    /// <summary>A request of a dialog the node never saw, sent by a party of no dialog, with <paramref name="route"/>.</summary>
    private static Task<SipResponse> ForgedAsync(TestPhone forger, string method, TestPhone target, string route)
        => forger.RequestAsync(method, target.ContactUri, "<sip:bob@example.com>;tag=forged", method == "MESSAGE" ? "free call" : null, null,
            "Route: " + route, "Contact: <" + forger.ContactUri + ">", "Content-Type: text/plain");

    [Fact]
    public async Task Forged_in_dialog_requests_routed_through_the_node_are_refused_403_and_never_reach_their_target()
    {
        await using var forger = TestPhone.Udp("sip:mallory@attacker.example", node.Udp);
        await using var target = Target();
        var ours = $"sip:127.0.0.1:{node.Udp.Port}";

        // A Route naming us without a mark, with a mark made up, and with our address twice (a double Record-Route's shape).
        var bye = await ForgedAsync(forger, "BYE", target, $"<{ours};lr>");
        var message = await ForgedAsync(forger, "MESSAGE", target, $"<{ours};transport=udp;lr;sa-rr=0123456789abcdef0123456789abcdef>");
        var reinvite = await ForgedAsync(forger, "INVITE", target, $"<{ours};transport=tcp;lr>,<{ours};transport=udp;lr;sa-rr=00>");

        // An ACK gets no answer; it is dropped as well.
        await forger.SendRawAsync(System.Text.Encoding.ASCII.GetBytes(
            $"ACK {target.ContactUri} SIP/2.0\r\nVia: SIP/2.0/UDP {forger.Local};branch=z9hG4bKforgedack;rport\r\nMax-Forwards: 70\r\n" +
            $"To: <sip:bob@example.com>;tag=forged\r\nFrom: <{forger.Aor}>;tag=m1\r\nCall-ID: forged-ack@attacker.example\r\n" +
            $"CSeq: 1 ACK\r\nRoute: <{ours};lr>\r\nContent-Length: 0\r\n\r\n"));

        Assert.Equal((403, 403, 403), (bye.StatusCode, message.StatusCode, reinvite.StatusCode));
        Assert.True(await target.NoRequestWithinAsync(TimeSpan.FromSeconds(2)), "a forged request reached the target");
    }

    [SkippableFact]
    public async Task The_mark_of_a_real_call_does_not_carry_a_request_of_another_dialog()
    {
        Sipp.SkipIfMissing();
        var (_, bob, _) = await CallAsync("invite_uas.xml", "invite_uac.xml", $"alice;{Sipp.Credentials("alice", "alice-pw")};example.com;bob");
        var invite = Received(bob, "INVITE sip:bob@");
        var recordRoute = invite.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("Record-Route: ", StringComparison.Ordinal))["Record-Route: ".Length..];

        // The call's own BYE went through (above, CallAsync); the same Route on a request of another Call-ID and tags does not.
        await using var forger = TestPhone.Udp("sip:mallory@attacker.example", node.Udp);
        await using var target = Target();
        var copied = await ForgedAsync(forger, "BYE", target, recordRoute);

        Assert.Contains(";sa-rr=", recordRoute, StringComparison.Ordinal);
        Assert.Equal(403, copied.StatusCode);
        Assert.True(await target.NoRequestWithinAsync(TimeSpan.FromSeconds(2)), "a request with a copied mark reached the target");
    }
}
