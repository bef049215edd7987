using System.Net;
using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Registration;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Node.Tests.Commands;

/// <summary>
/// alice's journals, recorded once for a test class by the real entities: her registrations (a contact bound by call
/// reg-1 CSeq 1; a second one with an RFC 5626 instance and reg-id by reg-2 CSeq 1; the first refreshed by reg-1 CSeq
/// 2, then unregistered by reg-1 CSeq 3) and a message stored for her (msg-1 CSeq 1).
/// </summary>
public sealed class RecordedAlice : IAsyncLifetime
{
    public const string Aor = "sip:alice@example.com";
    public const string Instance = "<urn:uuid:00000000-0000-1000-8000-000a95a0e128>";

    internal static readonly SipFlow Flow = new(
        "akka.tcp://simpleactors@127.0.0.1:4053", SipTransport.Udp, new IPEndPoint(IPAddress.Loopback, 5060), new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5062), 0);

    internal EntityJournal Journal { get; private set; } = null!;

    /// <summary>A time after the refresh and before the unregistration was written (the journal keeps milliseconds).</summary>
    public DateTimeOffset BeforeUnregistering { get; private set; }

    private static Register Register(string callId, uint cseq, string contact, int expires, string? instance = null, int? regId = null) =>
        new(Aor, callId, cseq, [new RequestedContact(contact, expires, null, instance, regId)], false, null, [], Flow, Aor, DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        Journal = await EntityJournal.CreateAsync();
        var registration = Journal.Start(RegistrationShard.Props("0", new RegistrarOptions()));
        foreach (var register in new[]
                 {
                     Register("reg-1", 1, "sip:alice@192.0.2.10:5062", 600),
                     Register("reg-2", 1, "sip:alice@192.0.2.20:5070;transport=tcp", 900, Instance, 1),
                     Register("reg-1", 2, "sip:alice@192.0.2.10:5062", 600),
                 })
        {
            Assert.Equal(200, (await EntityJournal.AskAsync<RegisterResult>(registration, register)).StatusCode);
        }

        await Task.Delay(20);
        BeforeUnregistering = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        Assert.Equal(200, (await EntityJournal.AskAsync<RegisterResult>(registration, Register("reg-1", 3, "sip:alice@192.0.2.10:5062", 0))).StatusCode);

        var mailbox = Journal.Start(MailboxActor.Props(Aor));
        await EntityJournal.AskAsync<MessageStored>(mailbox, new StoreMessage(
            Aor, "m1", "<sip:bob@example.com>", "<sip:alice@example.com>", null, [], "msg-1", 1, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1)));
    }

    public async Task DisposeAsync() => await Journal.DisposeAsync();
}
