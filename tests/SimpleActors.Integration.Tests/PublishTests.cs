using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>PUBLISH (RFC 3903) against a real node over UDP and TCP, with digest authentication.</summary>
public sealed class PublishTests : IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await node.DisposeAsync();

    private static string Pidf(string entity, string basic, string note = "") =>
        $"""<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="{entity}"><tuple id="t1"><status><basic>{basic}</basic></status><note>{note}</note></tuple></presence>""";

    private static Task<SipResponse> PublishAsync(TestPhone phone, string? body, string? ifMatch = null, int expires = 600, string? user = null, string contentType = "application/pidf+xml")
    {
        var headers = new List<string> { "Event: presence", $"Expires: {expires}" };
        if (body is not null)
        {
            headers.Add($"Content-Type: {contentType}");
        }

        if (ifMatch is not null)
        {
            headers.Add($"SIP-If-Match: {ifMatch}");
        }

        var target = user ?? phone.Aor;
        return phone.RequestAsync("PUBLISH", target, $"<{target}>", body, TestNode.Passwords[phone.Aor], [.. headers]);
    }

    [Fact]
    public async Task A_publication_is_created_refreshed_and_removed_with_fresh_entity_tags_over_udp_and_tcp()
    {
        await using var udp = TestPhone.Udp("sip:alice@example.com", node.Udp);
        await using var tcp = await TestPhone.TcpAsync("sip:alice@example.com", node.Tcp);

        var created = await PublishAsync(udp, Pidf(udp.Aor, "open"));
        var refreshed = await PublishAsync(tcp, null, created.SipETag);
        var stale = await PublishAsync(udp, Pidf(udp.Aor, "closed"), created.SipETag);
        var removed = await PublishAsync(tcp, null, refreshed.SipETag, expires: 0);

        Assert.Equal(200, created.StatusCode);
        Assert.Equal("600", created.Headers.GetFirstValue(KnownHeader.Expires));
        Assert.Equal(200, refreshed.StatusCode);
        Assert.NotNull(refreshed.SipETag);
        Assert.NotEqual(created.SipETag, refreshed.SipETag);
        Assert.Equal(412, stale.StatusCode);
        Assert.Equal(200, removed.StatusCode);
        Assert.Null(removed.SipETag);
        Assert.Equal(412, (await PublishAsync(udp, null, refreshed.SipETag)).StatusCode);
    }

    [Fact]
    public async Task Documents_that_are_not_valid_pidf_get_400_with_a_reason_and_other_types_415()
    {
        await using var phone = TestPhone.Udp("sip:bob@example.com", node.Udp);

        var noEntity = await PublishAsync(phone, """<presence xmlns="urn:ietf:params:xml:ns:pidf"><tuple id="a"><status/></tuple></presence>""");
        var notXml = await PublishAsync(phone, "<presence");
        var dtd = await PublishAsync(phone, """<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa">]><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:bob@example.com">&a;</presence>""");
        var text = await PublishAsync(phone, "online", contentType: "text/plain");

        Assert.All(new[] { noEntity, notXml, dtd }, r => Assert.Equal(400, r.StatusCode));
        Assert.All(new[] { noEntity, notXml, dtd }, r => Assert.NotEqual("Bad Request", r.ReasonPhrase));
        Assert.Equal(415, text.StatusCode);
        Assert.Equal("application/pidf+xml, application/pidf-diff+xml", text.Headers.GetFirstValue(KnownHeader.Accept));
        Assert.Equal(200, (await PublishAsync(phone, Pidf(phone.Aor, "open"))).StatusCode);
    }

    [Fact]
    public async Task Publishing_for_another_user_is_403_and_an_unknown_package_489()
    {
        await using var phone = TestPhone.Udp("sip:alice@example.com", node.Udp);

        var other = await PublishAsync(phone, Pidf("sip:bob@example.com", "open"), user: "sip:bob@example.com");
        var dialog = await phone.RequestAsync("PUBLISH", phone.Aor, $"<{phone.Aor}>", null, TestNode.Passwords[phone.Aor], "Event: dialog");

        Assert.Equal(403, other.StatusCode);
        Assert.Equal(489, dialog.StatusCode);
        Assert.Equal("presence", dialog.Headers.GetFirstValue(KnownHeader.AllowEvents));
    }

    [Fact]
    public async Task A_publication_and_its_entity_tag_survive_a_restart_of_the_node()
    {
        string? etag;
        await using (var phone = TestPhone.Udp("sip:carol@example.com", node.Udp))
        {
            etag = (await PublishAsync(phone, Pidf(phone.Aor, "open"))).SipETag;
        }

        await node.RestartAsync();
        await using var again = TestPhone.Udp("sip:carol@example.com", node.Udp);

        var modified = await PublishAsync(again, Pidf(again.Aor, "closed", "back later"), etag);

        Assert.NotNull(etag);
        Assert.Equal(200, modified.StatusCode);
        Assert.NotEqual(etag, modified.SipETag);
    }
}
