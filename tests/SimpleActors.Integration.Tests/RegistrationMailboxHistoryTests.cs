using System.Text;
using System.Text.Json;
using SimpleActors.Engine.Persistence;
using SimpleActors.Node.Commands;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// A registrar and pager session recorded over real sockets with digest authentication (carol registers, refreshes,
/// unregisters; alice sends her a MESSAGE while she is offline, which is stored; carol registers again and it is
/// delivered), then replayed by <c>simpleactors history registration|</c> and <c>mailbox|</c>: the events in order,
/// with the Call-IDs and CSeqs of the requests that were answered. On SQLite and on PostgreSQL.
/// </summary>
public sealed class RegistrationMailboxHistoryTests
{
    private static async Task<List<JsonElement>> HistoryAsync(JournalStore store, string entity)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HistoryCommand.RunAsync(store, new HistoryRequest(entity, null, null, null, false, true), output, error, CancellationToken.None);
        Assert.True(exit == HistoryCommand.Ok, error.ToString());
        return [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
    }

    private static uint CSeqOf(SipResponse response) => response.CSeq!.Number;

    [SkippableTheory]
    [InlineData(PersistenceProvider.Sqlite)]
    [InlineData(PersistenceProvider.PostgreSql)]
    public async Task Registrations_and_a_stored_message_replay_with_the_requests_that_caused_them(PersistenceProvider provider)
    {
        await using var database = await HistoryDatabase.CreateAsync(provider);
        await using var node = await TestNode.StartAsync(auth: true, database.NodeSettings());
        await using var carol = TestPhone.Udp("sip:carol@example.com", node.Udp);
        await using var alice = TestPhone.Udp("sip:alice@example.com", node.Udp);

        var registered = await carol.RegisterAsync("carol-pw", 600);
        var refreshed = await carol.RegisterAsync("carol-pw", 600);
        var unregistered = await carol.RegisterAsync("carol-pw", 0);
        var stored = await alice.MessageAsync("sip:carol@example.com", "Are you there?", "alice-pw");
        var again = await carol.RegisterAsync("carol-pw", 600);
        var delivered = await carol.NextRequestAsync();
        await carol.ReplyAsync(delivered, 200);

        var store = database.StoreOf(node);
        var mailbox = await HistoryAsync(store, "mailbox|sip:carol@example.com");
        for (var tries = 0; tries < 100 && mailbox.Count < 2; tries++)
        {
            await Task.Delay(100); // the delivery is acknowledged to the mailbox after carol's 200
            mailbox = await HistoryAsync(store, "mailbox|sip:carol@example.com");
        }

        var registration = await HistoryAsync(store, "registration|sip:carol@example.com");

        Assert.Equal([200, 200, 200, 202, 200], new[] { registered, refreshed, unregistered, stored, again }.Select(r => r.StatusCode));
        Assert.Equal("Are you there?", Encoding.UTF8.GetString(delivered.Body.Span));

        Assert.Equal(
            ["BindingAdded", "BindingRefreshed", "BindingRemoved", "BindingAdded"],
            registration.Select(l => l.GetProperty("event").GetString()));
        Assert.Equal([1, 1, 0, 1], registration.Select(l => l.GetProperty("bindings").GetArrayLength()));
        foreach (var (line, response) in new[] { (registration[0], registered), (registration[1], refreshed), (registration[3], again) })
        {
            var binding = Assert.Single(line.GetProperty("bindings").EnumerateArray());
            Assert.Equal(carol.ContactUri, binding.GetProperty("uri").GetString());
            Assert.Equal(carol.CallId, binding.GetProperty("callId").GetString());
            Assert.Equal(CSeqOf(response), binding.GetProperty("cseq").GetUInt32());
            Assert.EndsWith($"(sip:carol@example.com, {carol.CallId} CSeq {CSeqOf(response)})", line.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(
            $"{carol.ContactUri} unregistered (sip:carol@example.com, {carol.CallId} CSeq {CSeqOf(unregistered)})",
            registration[2].GetProperty("detail").GetString());

        Assert.Equal(["MessageQueued", "MessageDelivered"], mailbox.Select(l => l.GetProperty("event").GetString()));
        Assert.Equal([1, 0], mailbox.Select(l => l.GetProperty("waiting").GetInt32()));
        var message = Assert.Single(mailbox[0].GetProperty("messages").EnumerateArray());
        Assert.Equal(alice.CallId, message.GetProperty("callId").GetString());
        Assert.Equal(CSeqOf(stored), message.GetProperty("cseq").GetUInt32());
        Assert.Equal("sip:alice@example.com", message.GetProperty("identity").GetString());
        Assert.Equal("text/plain", message.GetProperty("contentType").GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount("Are you there?"), message.GetProperty("size").GetInt32());
        Assert.Equal($"{alice.CallId}|{CSeqOf(stored)}|talice", mailbox[1].GetProperty("messageId").GetString());
        Assert.Equal($"{alice.CallId}|{CSeqOf(stored)}|talice delivered", mailbox[1].GetProperty("detail").GetString());

        // Delivered once the binding was there again: the events of the two journals in the order they happened.
        Assert.True(mailbox[0].GetProperty("time").GetDateTimeOffset() > registration[2].GetProperty("time").GetDateTimeOffset());
        Assert.True(mailbox[1].GetProperty("time").GetDateTimeOffset() > registration[3].GetProperty("time").GetDateTimeOffset());
    }
}
