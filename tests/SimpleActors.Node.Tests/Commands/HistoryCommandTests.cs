using SimpleActors.Engine.Persistence;
using SimpleActors.Node.Commands;

namespace SimpleActors.Node.Tests.Commands;

public sealed class HistoryCommandTests
{
    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("registration|sip:alice@example.com")]
    public async Task An_entity_that_is_not_a_presentity_is_bad_input_with_the_reason(string entity)
    {
        using var temp = new TemporaryDirectory();
        using var error = new StringWriter();
        var store = JournalStore.From(new PersistenceOptions(), temp.Path);

        var exit = await HistoryCommand.RunAsync(store, new HistoryRequest(entity, null, null, null, false, false), TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(HistoryCommand.BadInput, exit);
        Assert.Contains("is not a presentity", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_without_the_journal_is_a_failure_with_the_reason()
    {
        using var temp = new TemporaryDirectory();
        using var error = new StringWriter();
        var store = JournalStore.From(new PersistenceOptions(), temp.Path);

        var exit = await HistoryCommand.RunAsync(
            store, new HistoryRequest("sip:alice@example.com", null, null, null, false, true), TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(HistoryCommand.Failed, exit);
        Assert.Contains("could not be read", error.ToString(), StringComparison.Ordinal);
    }
}
