using SimpleActors.Integration.Tests.Xcap;
using SimpleActors.Sip.Message;
using static SimpleActors.Integration.Tests.Rls.ListSubscriptionTests;

namespace SimpleActors.Integration.Tests.RealClients;

/// <summary>
/// Debian's liblinphone 5.1.65 as a resource-list watcher (RFC 4662; tests/clients/linphone-rls) against a node with the
/// shipped configuration: alice keeps a service of her buddies in her rls-services document (XCAP, curl with digest),
/// bob and carol publish, and liblinphone registers as alice, subscribes to the service and reports each buddy's basic
/// status, activity and note from the multipart/related NOTIFYs; a change bob publishes while it holds the subscription
/// reaches it. The request-contained form (RFC 5367) comes with a deflated body (Content-Encoding: deflate), which the
/// node decodes (RFC 3261 section 8.2.3).
/// </summary>
public sealed class LinphoneRlsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static string Pidf(string entity, string basic, string? activity, string note) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="{entity}"><tuple id="t1"><status><basic>{basic}</basic></status></tuple>{(activity is null ? string.Empty : $"<dm:person id=\"p1\"><rpid:activities><rpid:{activity}/></rpid:activities></dm:person>")}<note>{note}</note></presence>""";

    private static async Task<SipResponse> PublishAsync(TestPhone phone, string password, string pidf, params string[] headers)
    {
        var response = await phone.RequestAsync(
            "PUBLISH", phone.Aor, $"<{phone.Aor}>", pidf, password, ["Event: presence", "Content-Type: application/pidf+xml", "Expires: 600", .. headers]);
        Assert.True(response.IsSuccess, response.ToString());
        return response;
    }

    /// <summary>Bob open and away ("bob here"), carol closed ("carol gone"); bob's publication, to modify.</summary>
    private static async Task<SipResponse> BuddiesPublishAsync(TestPhone bob, TestPhone carol)
    {
        var published = await PublishAsync(bob, "bob-secret", Pidf(Bob, "open", "away", "bob here"));
        await PublishAsync(carol, "carol-secret", Pidf(Carol, "closed", null, "carol gone"));
        return published;
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task Liblinphone_reports_each_buddy_of_alices_service_then_the_change_bob_publishes(string transport)
    {
        await using var node = await NodeProcess.StartShippedAsync();
        var defined = await new XcapCurl(node.XcapRoot, "alice", "alice-secret")
            .SendAsync("PUT", $"rls-services/users/{Alice}/index", "application/rls-services+xml", RlsServices(Buddies, Bob, Carol));
        await using var bob = TestPhone.Udp(Bob, node.Udp);
        await using var carol = TestPhone.Udp(Carol, node.Udp);
        var bobs = await BuddiesPublishAsync(bob, carol);

        // --hold: after DONE (both buddies reported as expected) the client stays subscribed and prints later NOTIFYs.
        using var client = await LinphoneRlsClient.StartAsync(
            node, transport, Buddies, "--expect", $"{Bob}=away,{Carol}=closed", "--timeout", "60", "--hold", "30");
        await client.NextLineAsync(line => line == "DONE", Patience);
        // RFC 3903 section 4.4: bob modifies his publication, so his old state (and its activity) is gone.
        await PublishAsync(bob, "bob-secret", Pidf(Bob, "closed", null, "bob gone"), $"SIP-If-Match: {bobs.Headers.GetFirstValue(KnownHeader.SipETag)}");
        var change = await client.NextLineAsync(line => line.StartsWith($"PRESENCE {Bob} closed", StringComparison.Ordinal), Patience);
        var exit = await client.ExitAsync(Patience);

        Assert.Equal(201, defined.Status);
        Assert.True(exit == 0, $"rls_client exited {exit}:\n{client.Transcript}");
        var lines = client.Lines;
        Assert.Equal(["REGISTERED", "SUBSCRIPTION active"], lines.Take(2));
        Assert.Contains($"PRESENCE {Bob} open away bob here", lines);
        Assert.Contains($"PRESENCE {Carol} closed - carol gone", lines);
        Assert.Equal($"PRESENCE {Bob} closed - bob gone", change);
        Assert.Contains("UNSUBSCRIBED", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("WARNING", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Liblinphone_subscribes_to_a_request_contained_list_with_a_deflated_body()
    {
        await using var node = await NodeProcess.StartShippedAsync();
        await using var bob = TestPhone.Udp(Bob, node.Udp);
        await using var carol = TestPhone.Udp(Carol, node.Udp);
        await BuddiesPublishAsync(bob, carol);

        // --with-body: the RFC 5367 form, its resource-lists body (the --expect URIs) zlib-deflated by liblinphone.
        using var client = await LinphoneRlsClient.StartAsync(
            node, "tcp", "sip:rls@example.com", "--with-body", "--expect", $"{Bob}=away,{Carol}=closed", "--timeout", "60");
        var exit = await client.ExitAsync(Patience);

        Assert.True(exit == 0, $"rls_client exited {exit}:\n{client.Transcript}");
        Assert.Contains("Content-Encoding: deflate", client.Log, StringComparison.Ordinal);
        var lines = client.Lines;
        Assert.Contains($"PRESENCE {Bob} open away bob here", lines);
        Assert.Contains($"PRESENCE {Carol} closed - carol gone", lines);
        Assert.Contains("DONE", lines);
        Assert.Contains("UNSUBSCRIBED", lines);
    }
}
