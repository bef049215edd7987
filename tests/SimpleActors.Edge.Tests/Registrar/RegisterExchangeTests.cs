using SimpleActors.Edge.Registrar;
using SimpleActors.Engine.Registration;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Tests.Registrar;

public class RegisterExchangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 14, 2, 0, TimeSpan.Zero);

    [Fact]
    public void Register_becomes_a_command_with_contacts_expiry_instance_and_path()
    {
        var request = TestRequests.Register(
            "Contact: <sip:bob@192.0.2.7:5070;transport=udp>;expires=600;q=0.7;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\";reg-id=1\r\n",
            "Expires: 3600\r\nPath: <sip:edge.example.net;lr>\r\n");

        var command = RegisterExchange.ToCommand(request, "sip:bob@example.com", TestRequests.UdpFlow, "sip:bob@example.com", Now);

        Assert.Equal("sip:bob@example.com", command.Aor);
        Assert.Equal("reg-1@192.0.2.7", command.CallId);
        Assert.Equal(7u, command.CSeq);
        var contact = Assert.Single(command.Contacts);
        Assert.Equal("sip:bob@192.0.2.7:5070;transport=udp", contact.Uri);
        Assert.Equal(600, contact.Expires);
        Assert.Equal(0.7m, contact.Q);
        Assert.Equal("<urn:uuid:00000000-0000-1000-8000-000A95A0E128>", contact.SipInstance);
        Assert.Equal(1, contact.RegId);
        Assert.Equal(3600, command.HeaderExpires);
        Assert.Equal(["<sip:edge.example.net;lr>"], command.Path);
        Assert.False(command.RemoveAll);
        Assert.Equal(TestRequests.UdpFlow, command.Flow);
    }

    [Fact]
    public void Star_contact_becomes_remove_all()
    {
        var command = RegisterExchange.ToCommand(TestRequests.Register("Contact: *\r\n", "Expires: 0\r\n"), "sip:bob@example.com", TestRequests.UdpFlow, null, Now);

        Assert.True(command.RemoveAll);
        Assert.Empty(command.Contacts);
    }

    [Fact]
    public void Success_lists_every_binding_with_its_remaining_expiry_and_echoes_path()
    {
        var request = TestRequests.Register("Contact: <sip:bob@192.0.2.7:5070>\r\n", "Path: <sip:edge.example.net;lr>\r\n");
        var bindings = new[]
        {
            new Binding("sip:bob@192.0.2.7:5070", Now.AddSeconds(599.2), 0.5m, null, null, [], TestRequests.UdpFlow, "c", 1, Now),
            new Binding("sip:bob@192.0.2.8", Now.AddSeconds(30), null, "<urn:uuid:1>", 2, [], TestRequests.UdpFlow, "c", 1, Now),
        };

        var response = RegisterExchange.ToResponse(request, new RegisterResult(200, null, bindings, null, Now), "tag1");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("tag1", response.To!.Tag);
        Assert.Equal([600, 30], response.Contacts.Select(c => c.Expires!.Value));
        Assert.Equal(0.5m, response.Contacts[0].Q);
        Assert.Equal("<urn:uuid:1>", response.Contacts[1].SipInstance);
        Assert.Equal(2, response.Contacts[1].RegId);
        Assert.Equal("<sip:edge.example.net;lr>", Assert.Single(response.Path).ToString());
        Assert.Contains("path", response.Supported);
        Assert.NotNull(response.Headers.GetFirstValue(KnownHeader.Date));
    }

    [Fact]
    public void Interval_too_brief_carries_min_expires()
    {
        var response = RegisterExchange.ToResponse(
            TestRequests.Register("Contact: <sip:bob@192.0.2.7>;expires=5\r\n"), new RegisterResult(423, null, [], 60, Now), "t");

        Assert.Equal(423, response.StatusCode);
        Assert.Equal(60, response.MinExpires);
        Assert.Empty(response.Contacts);
    }
}
