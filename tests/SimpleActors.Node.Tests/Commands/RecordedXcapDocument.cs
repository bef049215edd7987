using System.Text;
using SimpleActors.Engine.Xcap;

namespace SimpleActors.Node.Tests.Commands;

/// <summary>
/// An XCAP document's journal, recorded once for a test class by the real XcapDocument entity: alice puts her resource
/// list, adds carol to it with an element PUT, then deletes it.
/// </summary>
public sealed class RecordedXcapDocument : IAsyncLifetime
{
    public const string Alice = "sip:alice@example.com";
    public const string Selector = "resource-lists/users/sip:alice@example.com/index";
    public const string ListsType = "application/resource-lists+xml";
    public const string Carol = "resource-lists/list%5B@name=%22friends%22%5D/entry%5B@uri=%22sip:carol@example.com%22%5D";

    public const string FriendsList = """
        <?xml version="1.0" encoding="UTF-8"?>
        <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">
          <list name="friends">
            <entry uri="sip:bob@example.com"/>
          </list>
        </resource-lists>
        """;

    internal EntityJournal Journal { get; private set; } = null!;

    public string CreatedETag { get; private set; } = null!;

    public string CarolETag { get; private set; } = null!;

    /// <summary>Instants between the writes (the journal keeps milliseconds).</summary>
    public DateTimeOffset AfterCreating { get; private set; }

    public DateTimeOffset AfterAddingCarol { get; private set; }

    public DateTimeOffset AfterDeleting { get; private set; }

    private static XcapDocumentRequest Request(string method, string? node = null, string? contentType = null, string body = "") => new(
        Selector, method, "/xcap-root/" + Selector + (node is null ? string.Empty : "/~~/" + node), contentType, Encoding.UTF8.GetBytes(body), null, null, Alice,
        "http://xcap.example.com/xcap-root");

    private static async Task<DateTimeOffset> PauseAsync()
    {
        await Task.Delay(20);
        var at = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        return at;
    }

    public async Task InitializeAsync()
    {
        Journal = await EntityJournal.CreateAsync();
        var document = Journal.Start(XcapDocumentActor.Props(Selector));
        var created = await EntityJournal.AskAsync<XcapDocumentAnswer>(document, Request("PUT", contentType: ListsType, body: FriendsList));
        Assert.Equal(201, created.Status);
        CreatedETag = created.ETag!;
        AfterCreating = await PauseAsync();
        var carol = await EntityJournal.AskAsync<XcapDocumentAnswer>(document, Request("PUT", Carol, "application/xcap-el+xml", """<entry uri="sip:carol@example.com"/>"""));
        Assert.Equal(201, carol.Status);
        CarolETag = carol.ETag!;
        AfterAddingCarol = await PauseAsync();
        Assert.Equal(200, (await EntityJournal.AskAsync<XcapDocumentAnswer>(document, Request("DELETE"))).Status);
        AfterDeleting = await PauseAsync();
    }

    public async Task DisposeAsync() => await Journal.DisposeAsync();
}
