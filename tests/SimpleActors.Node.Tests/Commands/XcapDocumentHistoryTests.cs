using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SimpleActors.Node.Commands;

namespace SimpleActors.Node.Tests.Commands;

/// <summary>
/// <c>simpleactors history xcap</c> on an XCAP document's journal, written by the real XcapDocument entity: alice puts her
/// resource list, adds carol to it with an element PUT, then deletes it.
/// </summary>
public sealed class XcapDocumentHistoryTests(RecordedXcapDocument recorded) : IClassFixture<RecordedXcapDocument>
{
    private const string Alice = RecordedXcapDocument.Alice;
    private const string Selector = RecordedXcapDocument.Selector;
    private const string Carol = RecordedXcapDocument.Carol;
    private const string FriendsList = RecordedXcapDocument.FriendsList;

    private async Task<(int Exit, string Output, string Error)> RunAsync(string entity, bool json = false, DateTimeOffset? at = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HistoryCommand.RunAsync(recorded.Journal.Store, new HistoryRequest(entity, null, null, at, false, json), output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private static List<JsonElement> Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];

    [Fact]
    public async Task Each_edit_is_a_row_with_its_method_target_author_and_the_etag_it_left()
    {
        var (exit, output, error) = await RunAsync("xcap|" + Selector, json: true);

        Assert.Equal(HistoryCommand.Ok, exit);
        Assert.Equal(string.Empty, error);
        var lines = Lines(output);
        Assert.Equal(["XcapDocumentEdited", "XcapDocumentEdited", "XcapDocumentEdited"], lines.Select(l => l.GetProperty("event").GetString()));
        Assert.Equal(["PUT", "PUT", "DELETE"], lines.Select(l => l.GetProperty("method").GetString()));
        Assert.Equal(
            ["/xcap-root/" + Selector, "/xcap-root/" + Selector + "/~~/" + Carol, "/xcap-root/" + Selector],
            lines.Select(l => l.GetProperty("target").GetString()));
        Assert.All(lines, l => Assert.Equal(Alice, l.GetProperty("by").GetString()));
        Assert.Equal([recorded.CreatedETag, recorded.CarolETag, null], lines.Select(l => l.GetProperty("etag").GetString()));
        Assert.Equal(JsonValueKind.Null, lines[2].GetProperty("document").ValueKind);
        Assert.Contains("sip:carol@example.com", lines[1].GetProperty("document").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            $"PUT /xcap-root/{Selector} by {Alice} ({RecordedXcapDocument.ListsType}, {Encoding.UTF8.GetByteCount(FriendsList)} bytes)",
            lines[0].GetProperty("detail").GetString());
        Assert.Equal($"DELETE /xcap-root/{Selector} by {Alice}: deleted", lines[2].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_table_has_the_detail_etag_and_size_of_each_version()
    {
        var (exit, output, _) = await RunAsync("xcap|" + Selector);

        Assert.Equal(HistoryCommand.Ok, exit);
        var header = output.Split('\n').First(l => l.Contains("event", StringComparison.Ordinal));
        Assert.Equal(["time (UTC)", "#", "event", "detail", "etag", "size"], header.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var rows = output.Split('\n').Where(l => l.Contains("XcapDocumentEdited", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains($"PUT /xcap-root/{Selector} by {Alice}", rows[0], StringComparison.Ordinal);
        Assert.Matches($@"\s{Regex.Escape(recorded.CreatedETag)}\s+{Encoding.UTF8.GetByteCount(FriendsList)}\s*$", rows[0]);
        Assert.Contains(recorded.CarolETag, rows[1], StringComparison.Ordinal);
        Assert.Matches(@"deleted\s+-\s+-\s*$", rows[2]);
    }

    [Fact]
    public async Task The_subcommand_reads_the_same_journal_as_the_prefixed_selector()
    {
        var config = recorded.Journal.Folder.Write("xcap-history.json", JsonSerializer.Serialize(new { DataDirectory = recorded.Journal.DataDirectory }));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.Create().Parse(["history", "xcap", Selector, "--json", "--config", config])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });

        Assert.Equal(HistoryCommand.Ok, exit);
        Assert.Equal(["PUT", "PUT", "DELETE"], Lines(output.ToString()).Select(l => l.GetProperty("method").GetString()));
    }

    [Fact]
    public async Task At_an_instant_the_document_of_that_time_is_printed_byte_for_byte()
    {
        var (exit, first, error) = await RunAsync("xcap|" + Selector, at: recorded.AfterCreating);
        var (_, second, _) = await RunAsync("xcap|" + Selector, at: recorded.AfterAddingCarol);

        Assert.Equal(HistoryCommand.Ok, exit);
        Assert.Equal(string.Empty, error);
        Assert.Equal(FriendsList + Environment.NewLine, first);
        Assert.Contains("sip:bob@example.com", second, StringComparison.Ordinal);
        Assert.Contains("sip:carol@example.com", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_an_instant_when_the_document_did_not_exist_nothing_is_printed_and_the_reason_is_given()
    {
        var (_, output, error) = await RunAsync("xcap|" + Selector, at: recorded.AfterDeleting);

        Assert.Equal(string.Empty, output);
        Assert.Contains($"no version of {Selector} existed", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_selector_with_the_host_in_another_case_reads_the_documents_journal()
    {
        var (exit, output, _) = await RunAsync("xcap|resource-lists/users/sip:alice@EXAMPLE.com/index", json: true);

        Assert.Equal(HistoryCommand.Ok, exit);
        Assert.Equal(3, Lines(output).Count);
    }

    [Theory]
    [InlineData("xcap|resource-lists/users/sip:alice@example.com")]
    [InlineData("xcap|resource-lists/users//index")]
    [InlineData("xcap|resource-lists/people/sip:alice@example.com/index")]
    [InlineData("xcap|index")]
    [InlineData("xcap|")]
    public async Task A_text_that_is_not_a_document_selector_exits_2_with_the_reason(string entity)
    {
        var (exit, output, error) = await RunAsync(entity);

        Assert.Equal(HistoryCommand.BadInput, exit);
        Assert.Empty(output);
        Assert.Contains("is not an XCAP document selector", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xcap|xcap-caps/global/index", "xcap-caps/global/index")]
    [InlineData("xcap|pres-rules/users/sip:alice@example.com/index", "pres-rules/users/sip:alice@example.com/index")]
    [InlineData("xcap|pres-rules/users/SIP:alice@EXAMPLE.COM/index", "pres-rules/users/sip:alice@example.com/index")]
    public void A_document_selector_is_the_key_of_an_xcap_documents_journal(string text, string key)
    {
        Assert.True(HistoryTarget.TryParse(text, out var target, out _));

        Assert.Equal(HistoryEntity.Xcap, target.Entity);
        Assert.Equal(key, target.Key);
        Assert.Equal("xcap|" + key, target.PersistenceId);
    }
}
