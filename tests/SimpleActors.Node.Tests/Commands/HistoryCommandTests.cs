using System.CommandLine;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Persistence;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Registration;
using SimpleActors.Node.Commands;
using SimpleActors.Presence.Tests.Documents;

namespace SimpleActors.Node.Tests.Commands;

public sealed class HistoryCommandTests(RecordedAlice alice) : IClassFixture<RecordedAlice>
{
    private const string Alice = RecordedAlice.Aor;
    private const string Instance = RecordedAlice.Instance;

    private static async Task<(int Exit, string Output, string Error)> RunAsync(JournalStore store, string entity, bool json, DateTimeOffset? from = null, bool follow = false)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HistoryCommand.RunAsync(store, new HistoryRequest(entity, from, null, null, follow, json), output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The command line as a user types it, with a configuration naming the journal's data directory.</summary>
    private static async Task<(int Exit, string Output, string Error)> InvokeAsync(EntityJournal journal, params string[] args)
    {
        var config = journal.Folder.Write("history.json", JsonSerializer.Serialize(new { DataDirectory = journal.DataDirectory }));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.Create().Parse(["history", .. args, "--config", config])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });
        return (exit, output.ToString(), error.ToString());
    }

    private static List<JsonElement> Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];

    [Theory]
    [InlineData("alice@example.com", "alice@example.com is not a presentity")]
    [InlineData("presentity|alice", "presentity|alice is not a presentity")]
    [InlineData("registration|alice@example.com", "alice@example.com is not an address of record")]
    [InlineData("mailbox|tel:+15551234", "tel:+15551234 is not an address of record")]
    [InlineData("subscription|", "is not a subscription id")]
    public async Task An_entity_that_is_not_one_is_bad_input_with_the_reason(string entity, string reason)
    {
        using var temp = new TemporaryDirectory();
        var store = JournalStore.From(new PersistenceOptions(), temp.Path);

        var (exit, _, error) = await RunAsync(store, entity, json: false);

        Assert.Equal(HistoryCommand.BadInput, exit);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_without_the_journal_is_a_failure_with_the_reason()
    {
        using var temp = new TemporaryDirectory();
        var store = JournalStore.From(new PersistenceOptions(), temp.Path);

        var (exit, _, error) = await RunAsync(store, Alice, json: true);

        Assert.Equal(HistoryCommand.Failed, exit);
        Assert.Contains("could not be read", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_history_as_json_has_each_binding_change_with_its_request_and_the_bindings_it_left()
    {
        var (exit, output, error) = await RunAsync(alice.Journal.Store, "registration|" + Alice, json: true);

        Assert.Equal(HistoryCommand.Ok, exit);
        Assert.Equal(string.Empty, error);
        var lines = Lines(output);
        Assert.Equal(["BindingAdded", "BindingAdded", "BindingRefreshed", "BindingRemoved"], lines.Select(l => l.GetProperty("event").GetString()));
        Assert.Equal([1L, 2L, 3L, 4L], lines.Select(l => l.GetProperty("sequenceNr").GetInt64()));
        Assert.Equal([1, 2, 2, 1], lines.Select(l => l.GetProperty("bindings").GetArrayLength()));
        Assert.StartsWith("sip:alice@192.0.2.10:5062, until ", lines[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("(sip:alice@example.com, reg-1 CSeq 1)", lines[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($"(sip:alice@example.com, reg-2 CSeq 1), +sip.instance {Instance} reg-id 1", lines[1].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("sip:alice@192.0.2.10:5062, until ", lines[2].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("(sip:alice@example.com, reg-1 CSeq 2)", lines[2].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("sip:alice@192.0.2.10:5062 unregistered (sip:alice@example.com, reg-1 CSeq 3)", lines[3].GetProperty("detail").GetString());
        var refreshed = lines[2].GetProperty("bindings")[0];
        Assert.Equal("sip:alice@192.0.2.10:5062", refreshed.GetProperty("uri").GetString());
        Assert.Equal("reg-1", refreshed.GetProperty("callId").GetString());
        Assert.Equal(2u, refreshed.GetProperty("cseq").GetUInt32());
        var left = Assert.Single(lines[3].GetProperty("bindings").EnumerateArray());
        Assert.Equal(Instance, left.GetProperty("instance").GetString());
        Assert.Equal(1, left.GetProperty("regId").GetInt32());
        var expiresAt = left.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - lines[1].GetProperty("time").GetDateTimeOffset(), TimeSpan.FromSeconds(899), TimeSpan.FromSeconds(901));
    }

    [Fact]
    public async Task Registration_history_table_has_a_row_per_binding_change_with_the_count_and_contacts_left()
    {
        var (exit, output, _) = await RunAsync(alice.Journal.Store, "registration|" + Alice, json: false);

        Assert.Equal(HistoryCommand.Ok, exit);
        var header = output.Split('\n').First(l => l.Contains("event", StringComparison.Ordinal));
        Assert.Equal(["time (UTC)", "#", "event", "detail", "bindings", "contacts"], header.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var rows = output.Split('\n').Where(l => l.Contains("Binding", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Matches(@"\s1\s+BindingAdded\s+sip:alice@192\.0\.2\.10:5062, until .*\s1\s+sip:alice@192\.0\.2\.10:5062\s*$", rows[0]);
        Assert.Matches(@"\s3\s+BindingRefreshed\s.*\s2\s+sip:alice@192\.0\.2\.10:5062,", rows[2]);
        Assert.Matches(@"\s4\s+BindingRemoved\s+sip:alice@192\.0\.2\.10:5062 unregistered .*\s1\s+sip:alice@192\.0\.2\.20:5070;transport=tcp\s*$", rows[3]);
        Assert.Contains("unregistered", rows[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_window_keeps_the_rows_written_in_it_with_the_state_of_the_whole_history()
    {
        var (exit, output, _) = await RunAsync(alice.Journal.Store, "registration|" + Alice, json: true, from: alice.BeforeUnregistering);

        Assert.Equal(HistoryCommand.Ok, exit);
        var line = Assert.Single(Lines(output));
        Assert.Equal("BindingRemoved", line.GetProperty("event").GetString());
        Assert.Equal(4, line.GetProperty("sequenceNr").GetInt64());
        Assert.Equal("sip:alice@192.0.2.20:5070;transport=tcp", Assert.Single(line.GetProperty("bindings").EnumerateArray()).GetProperty("uri").GetString());
    }

    [Fact]
    public async Task Mailbox_history_shows_messages_queued_delivered_and_expired_with_the_count_waiting()
    {
        await using var journal = await EntityJournal.CreateAsync();
        var mailbox = journal.Start(MailboxActor.Props(Alice));
        var now = DateTimeOffset.UtcNow;
        StoreMessage Store(string id, string callId, uint cseq, string text, TimeSpan lifetime) => new(
            Alice, id, "<sip:bob@example.com>;tag=b1", "<sip:alice@example.com>", "text/plain", Encoding.UTF8.GetBytes(text), callId, cseq, "sip:bob@example.com", now, now + lifetime);
        await EntityJournal.AskAsync<MessageStored>(mailbox, Store("m1", "msg-1", 7, "first", TimeSpan.FromDays(7)));
        await EntityJournal.AskAsync<MessageStored>(mailbox, Store("m2", "msg-2", 8, "second!", TimeSpan.FromMilliseconds(500)));
        await EntityJournal.AskAsync<DeliveryAcknowledged>(mailbox, new AcknowledgeDelivery(Alice, "m1", DateTimeOffset.UtcNow));
        List<JsonElement> lines = [];
        for (var tries = 0; tries < 100 && lines.Count < 4; tries++)
        {
            await Task.Delay(100); // m2 expires on the entity's own timer
            lines = Lines((await RunAsync(journal.Store, "mailbox|" + Alice, json: true)).Output);
        }

        var (exit, table, _) = await RunAsync(journal.Store, "mailbox|" + Alice, json: false);

        Assert.Equal(["MessageQueued", "MessageQueued", "MessageDelivered", "MessageExpired"], lines.Select(l => l.GetProperty("event").GetString()));
        Assert.Equal([1, 2, 1, 0], lines.Select(l => l.GetProperty("waiting").GetInt32()));
        Assert.Equal(["m1", "m2", "m1", "m2"], lines.Select(l => l.GetProperty("messageId").GetString()));
        Assert.Equal("m1 from <sip:bob@example.com>;tag=b1, text/plain 5 bytes (sip:bob@example.com, msg-1 CSeq 7)", lines[0].GetProperty("detail").GetString());
        Assert.Equal("m1 delivered", lines[2].GetProperty("detail").GetString());
        Assert.Equal("m2 expired", lines[3].GetProperty("detail").GetString());
        var waiting = lines[1].GetProperty("messages")[1];
        Assert.Equal("msg-2", waiting.GetProperty("callId").GetString());
        Assert.Equal(8u, waiting.GetProperty("cseq").GetUInt32());
        Assert.Equal(7, waiting.GetProperty("size").GetInt32());
        Assert.Equal(HistoryCommand.Ok, exit);
        var rows = table.Split('\n').Where(l => l.Contains("Message", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Matches(@"\s3\s+MessageDelivered\s+m1 delivered\s+1\s*$", rows[2]);
        Assert.Matches(@"\s4\s+MessageExpired\s+m2 expired\s+0\s*$", rows[3]);
    }

    [Theory]
    [InlineData("registration")]
    [InlineData("mailbox")]
    public async Task The_subcommand_and_the_prefixed_persistence_id_print_the_same_history(string kind)
    {
        var named = await InvokeAsync(alice.Journal, kind, Alice, "--json");
        var prefixed = await InvokeAsync(alice.Journal, $"{kind}|{Alice}", "--json");
        var presentity = await InvokeAsync(alice.Journal, Alice, "--json");

        Assert.Equal(HistoryCommand.Ok, named.Exit);
        Assert.Equal(HistoryCommand.Ok, prefixed.Exit);
        Assert.NotEmpty(Lines(named.Output));
        Assert.Equal(named.Output, prefixed.Output);
        Assert.Equal(HistoryCommand.Ok, presentity.Exit);
        Assert.Empty(presentity.Output); // a plain address of record is the presentity's history, and alice published nothing
    }

    [Fact]
    public async Task A_subcommand_with_a_key_that_is_not_an_address_of_record_exits_2_with_the_reason()
    {
        var (exit, output, error) = await InvokeAsync(alice.Journal, "registration", "notanaor");

        Assert.Equal(HistoryCommand.BadInput, exit);
        Assert.Empty(output);
        Assert.Contains("notanaor is not an address of record (sip:user@domain)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_at_an_instant_of_another_entity_exits_2_with_the_reason()
    {
        const string reason = "--at (the document at an instant) is for a presentity's or an XCAP document's history only";
        var (exit, output, error) = await InvokeAsync(alice.Journal, "mailbox", Alice, "--at=2026-11-26T05:27:48Z");

        Assert.Equal(HistoryCommand.BadInput, exit);
        Assert.Empty(output);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Presentity_history_shows_the_rpid_activities_and_the_services_and_devices_of_the_document_watchers_saw()
    {
        await using var journal = await EntityJournal.CreateAsync();
        const string erin = "sip:erin@example.com";
        var presentity = journal.Start(PresentityShard.Props("0", new PublicationOptions()));
        Publish Publish(string document, string etag, uint cseq) => new(
            erin, null, 600, "application/pidf+xml", Encoding.UTF8.GetBytes(document), etag, "pub-1", cseq, erin, DateTimeOffset.UtcNow);
        Assert.Equal(200, (await EntityJournal.AskAsync<PublishResult>(presentity, Publish(PidfSamples.DataModel, "e1", 1))).StatusCode);
        Assert.Equal(200, (await EntityJournal.AskAsync<PublishResult>(presentity, Publish(PidfSamples.Rpid, "e2", 2))).StatusCode);

        var (exit, output, _) = await RunAsync(journal.Store, erin, json: true);
        var (_, table, _) = await RunAsync(journal.Store, "presentity|" + erin, json: false);

        Assert.Equal(HistoryCommand.Ok, exit);
        var lines = Lines(output);
        Assert.Equal(2, lines.Count);
        Assert.Equal(["on-the-phone"], lines[0].GetProperty("activities").EnumerateArray().Select(a => a.GetString()));
        var phone = Assert.Single(lines[0].GetProperty("devices").EnumerateArray());
        Assert.Equal("sv51", phone.GetProperty("tuple").GetString());
        Assert.Equal("open", phone.GetProperty("basic").GetString());
        Assert.Equal("urn:uuid:6d6f0b2a-3a1e-4c0e-9d33-0a1b2c3d4e5f", phone.GetProperty("deviceId").GetString());
        Assert.Equal("dv3", phone.GetProperty("device").GetString());
        Assert.Equal(
            ["on-the-phone", "meeting", "busy", "other:rehearsing"],
            lines[1].GetProperty("activities").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["sv51", "t-work"], lines[1].GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("tuple").GetString()));
        var header = table.Split('\n').First(l => l.Contains("event", StringComparison.Ordinal));
        Assert.Contains("activities", header, StringComparison.Ordinal);
        Assert.Contains("devices", header, StringComparison.Ordinal);
        Assert.Contains("on-the-phone", table, StringComparison.Ordinal);
        Assert.Contains("sv51 open on dv3", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_lists_every_presentitys_presence_events_in_the_order_written_within_the_window()
    {
        await using var journal = await EntityJournal.CreateAsync();
        const string erin = "sip:erin@example.com", frank = "sip:frank@example.com";
        var erins = journal.Start(PresentityShard.Props("1", new PublicationOptions()));
        var franks = journal.Start(PresentityShard.Props("2", new PublicationOptions()));
        Publish Publish(string aor, string? etag, string document, uint cseq) => new(
            aor, etag, 600, "application/pidf+xml", Encoding.UTF8.GetBytes(document), "e" + cseq, "pub-" + aor, cseq, aor, DateTimeOffset.UtcNow);
        Assert.Equal(200, (await EntityJournal.AskAsync<PublishResult>(erins, Publish(erin, null, PidfSamples.DataModel, 1))).StatusCode);
        Assert.Equal(200, (await EntityJournal.AskAsync<PublishResult>(franks, Publish(frank, null, PidfSamples.Rpid, 1))).StatusCode);
        await Task.Delay(20); // the window's bound falls between the writes (the journal keeps milliseconds)
        var afterFirst = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        Assert.Equal(200, (await EntityJournal.AskAsync<PublishResult>(erins, Publish(erin, "e1", PidfSamples.Rpid, 2))).StatusCode);

        var (exit, output, _) = await InvokeAsync(journal, "changes", "--json");
        var (_, windowed, _) = await InvokeAsync(journal, "changes", "--json", "--from", afterFirst.ToString("O"));
        var (_, table, _) = await InvokeAsync(journal, "changes");
        var (refused, _, reason) = await InvokeAsync(journal, "changes", "--at", afterFirst.ToString("O"));

        Assert.Equal(HistoryCommand.Ok, exit);
        var lines = Lines(output);
        Assert.Equal([erin, frank, erin], lines.Select(l => l.GetProperty("presentity").GetString()));
        Assert.Equal(["PublicationAdded", "PublicationAdded", "PublicationModified"], lines.Select(l => l.GetProperty("event").GetString()));
        Assert.True(lines[2].GetProperty("ordering").GetInt64() > lines[1].GetProperty("ordering").GetInt64());
        Assert.Contains($"{erin}, pub-{erin} CSeq 2", lines[2].GetProperty("detail").GetString(), StringComparison.Ordinal);
        var late = Assert.Single(Lines(windowed));
        Assert.Equal((erin, "PublicationModified"), (late.GetProperty("presentity").GetString(), late.GetProperty("event").GetString()));
        Assert.Contains("presentity", table.Split('\n').First(l => l.Contains("event", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(frank, table, StringComparison.Ordinal);
        Assert.Equal(HistoryCommand.BadInput, refused);
        Assert.Contains("one presentity's history", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Following_the_changes_prints_each_new_change_of_any_presentity_once()
    {
        await using var journal = await EntityJournal.CreateAsync();
        const string ivy = "sip:ivy@example.com", jack = "sip:jack@example.com";
        var ivys = journal.Start(PresentityShard.Props("3", new PublicationOptions()));
        var jacks = journal.Start(PresentityShard.Props("4", new PublicationOptions()));
        Publish Publish(string aor, uint cseq) => new(
            aor, cseq == 1 ? null : "e" + (cseq - 1), 600, "application/pidf+xml", Encoding.UTF8.GetBytes(PidfSamples.DataModel), "e" + cseq, "pub-" + aor, cseq, aor,
            DateTimeOffset.UtcNow);
        Assert.Equal(200, (await EntityJournal.AskAsync<PublishResult>(ivys, Publish(ivy, 1))).StatusCode);

        var lines = await FollowAsync(
            (output, stop) => HistoryCommand.RunChangesAsync(journal.Store, new HistoryRequest("changes", null, null, null, true, true), output, TextWriter.Null, stop),
            async () =>
            {
                Assert.Equal(200, (await EntityJournal.AskAsync<PublishResult>(jacks, Publish(jack, 1))).StatusCode);
                Assert.Equal(200, (await EntityJournal.AskAsync<PublishResult>(ivys, Publish(ivy, 2))).StatusCode);
            },
            3);

        Assert.Equal([ivy, jack, ivy], lines.Select(l => l.GetProperty("presentity").GetString()));
        Assert.Equal(["PublicationAdded", "PublicationAdded", "PublicationModified"], lines.Select(l => l.GetProperty("event").GetString()));
    }

    /// <summary>
    /// Runs <c>history --follow --json</c> on <paramref name="entity"/> while <paramref name="writeMore"/> writes events
    /// after the first, until <paramref name="count"/> lines are out and a further poll or two has passed; the lines.
    /// </summary>
    private static Task<List<JsonElement>> FollowAsync(EntityJournal journal, string entity, Func<Task> writeMore, int count) =>
        FollowAsync((output, stop) => HistoryCommand.RunAsync(journal.Store, new HistoryRequest(entity, null, null, null, true, true), output, TextWriter.Null, stop), writeMore, count);

    /// <summary>Runs a following history (<paramref name="run"/>: its output and its cancellation) as above.</summary>
    private static async Task<List<JsonElement>> FollowAsync(Func<TextWriter, CancellationToken, Task<int>> run, Func<Task> writeMore, int count)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var written = new StringWriter();
        var output = TextWriter.Synchronized(written);
        var following = run(output, stop.Token);
        string Seen()
        {
            lock (output)
            {
                return written.ToString();
            }
        }

        async Task WaitForLinesAsync(int lines)
        {
            while (Lines(Seen()).Count < lines && !stop.IsCancellationRequested)
            {
                await Task.Delay(50);
            }
        }

        await WaitForLinesAsync(1);
        await writeMore();
        await WaitForLinesAsync(count);
        await Task.Delay(1500); // a further poll or two: nothing is printed twice
        await stop.CancelAsync();
        Assert.Equal(HistoryCommand.Ok, await following);
        return Lines(Seen());
    }

    [Fact]
    public async Task Following_a_presentity_prints_each_event_written_after_the_history_once_with_the_state_it_left()
    {
        await using var journal = await EntityJournal.CreateAsync();
        const string gina = "sip:gina@example.com";
        var presentity = journal.Start(PresentityShard.Props("5", new PublicationOptions()));
        Publish Publish(string? ifMatch, string document, uint cseq) => new(
            gina, ifMatch, 600, "application/pidf+xml", Encoding.UTF8.GetBytes(document), "e" + cseq, "pub-1", cseq, gina, DateTimeOffset.UtcNow);
        Assert.Equal(200, (await EntityJournal.AskAsync<PublishResult>(presentity, Publish(null, PidfSamples.DataModel, 1))).StatusCode);

        var lines = await FollowAsync(journal, gina, async () =>
        {
            Assert.Equal(200, (await EntityJournal.AskAsync<PublishResult>(presentity, Publish("e1", PidfSamples.Rpid, 2))).StatusCode);
            Assert.Equal(200, (await EntityJournal.AskAsync<PublishResult>(presentity, Publish("e2", PidfSamples.DataModel, 3))).StatusCode);
        }, 3);

        Assert.Equal([1L, 2L, 3L], lines.Select(l => l.GetProperty("sequenceNr").GetInt64()));
        Assert.Equal(["PublicationAdded", "PublicationModified", "PublicationModified"], lines.Select(l => l.GetProperty("event").GetString()));
        Assert.Equal([1L, 2L, 3L], lines.Select(l => l.GetProperty("version").GetInt64()));
        Assert.Contains("meeting", lines[1].GetProperty("activities").EnumerateArray().Select(a => a.GetString()));
        Assert.DoesNotContain("meeting", lines[2].GetProperty("activities").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Following_a_registration_prints_each_binding_change_once_with_the_bindings_it_left()
    {
        await using var journal = await EntityJournal.CreateAsync();
        const string hugo = "sip:hugo@example.com";
        var registration = journal.Start(RegistrationShard.Props("0", new RegistrarOptions()));
        Register Register(uint cseq, string contact, int expires) =>
            new(hugo, "reg-h", cseq, [new RequestedContact(contact, expires, null, null, null)], false, null, [], RecordedAlice.Flow, hugo, DateTimeOffset.UtcNow);
        Assert.Equal(200, (await EntityJournal.AskAsync<RegisterResult>(registration, Register(1, "sip:hugo@192.0.2.30:5060", 600))).StatusCode);

        var lines = await FollowAsync(journal, "registration|" + hugo, async () =>
        {
            Assert.Equal(200, (await EntityJournal.AskAsync<RegisterResult>(registration, Register(2, "sip:hugo@192.0.2.31:5060", 600))).StatusCode);
            Assert.Equal(200, (await EntityJournal.AskAsync<RegisterResult>(registration, Register(3, "sip:hugo@192.0.2.30:5060", 0))).StatusCode);
        }, 3);

        Assert.Equal(["BindingAdded", "BindingAdded", "BindingRemoved"], lines.Select(l => l.GetProperty("event").GetString()));
        Assert.Equal([1, 2, 1], lines.Select(l => l.GetProperty("bindings").GetArrayLength()));
        Assert.Equal("sip:hugo@192.0.2.31:5060", lines[2].GetProperty("bindings")[0].GetProperty("uri").GetString());
    }
}
