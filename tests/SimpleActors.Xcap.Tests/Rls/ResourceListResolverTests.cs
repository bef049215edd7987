using System.Text;
using SimpleActors.Xcap.Rls;
using SimpleActors.Xcap.Tests.Usages;

namespace SimpleActors.Xcap.Tests.Rls;

public class ResourceListResolverTests
{
    private static readonly XcapDocumentSelector JoesLists = new("resource-lists", "sip:joe@example.com", "index");
    private static readonly XcapDocumentSelector BillsLists = new("resource-lists", "sip:bill@example.com", "index");

    /// <summary>Joe's lists: l1 (what RFC 4826 section 4.3's mybuddies service names) with an entry, a nested list, an
    /// entry-ref into Bill's document and an external list that refers back to l1.</summary>
    private const string JoesDocument = """
        <?xml version="1.0" encoding="UTF-8"?>
        <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">
          <list name="l1">
            <display-name>Joe's buddies</display-name>
            <entry uri="sip:Alice@EXAMPLE.com"><display-name>Alice</display-name></entry>
            <list name="work">
              <entry uri="sip:bob@example.com;transport=TCP"/>
              <entry uri="sip:alice@example.com"><display-name>Alice again</display-name></entry>
              <entry uri="sip:Alice@example.com"><display-name>Same Alice</display-name></entry>
            </list>
            <entry-ref ref="resource-lists/users/sip:bill@example.com/index/~~/resource-lists/list%5b@name=%22list1%22%5d/entry%5b@uri=%22sip:petri@example.com%22%5d">
              <display-name>Petri (via Bill)</display-name>
            </entry-ref>
            <external anchor="http://xcap.example.com/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5b@name=%22l2%22%5d"/>
          </list>
          <list name="l2">
            <entry uri="sip:carol@example.com"/>
            <external anchor="http://xcap.example.com/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5b@name=%22l1%22%5d"/>
          </list>
        </resource-lists>
        """;

    private const string BillsDocument = """
        <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">
          <list name="list1"><entry uri="sip:petri@example.com"><display-name>Petri</display-name></entry></list>
        </resource-lists>
        """;

    private static byte[]? Store(XcapDocumentSelector selector) =>
        selector == JoesLists ? Encoding.UTF8.GetBytes(JoesDocument)
        : selector == BillsLists ? Encoding.UTF8.GetBytes(BillsDocument)
        : null;

    private static RlsServices Rfc4826Services() => RlsServices.Read(Encoding.UTF8.GetBytes(RfcExamples.RlsServices));

    [Fact]
    public void The_rfc_4826_rls_services_example_is_read()
    {
        // RFC 4826 section 4.3.
        var services = Rfc4826Services();

        Assert.Equal(["sip:mybuddies@example.com", "sip:marketing@example.com"], services.Services.Select(s => s.Uri));
        var buddies = services.Find("sip:mybuddies@EXAMPLE.COM")!;
        Assert.Equal(["presence"], buddies.Packages);
        Assert.Null(buddies.List);
        Assert.StartsWith("http://xcap.example.com/resource-lists/users/sip:joe@example.com/index/~~/", buddies.ResourceList, StringComparison.Ordinal);
        Assert.True(buddies.Allows("presence"));
        Assert.False(buddies.Allows("message-summary"));
        Assert.Null(services.Find("sip:nobody@example.com"));
    }

    [Fact]
    public void An_inline_list_resolves_to_its_entries()
    {
        var marketing = Rfc4826Services().Find("sip:marketing@example.com")!;

        var resolved = Assert.IsType<ResolvedList>(ResourceListResolver.Resolve(marketing, null));

        Assert.Equal([new ListEntry("sip:joe@example.com", null), new ListEntry("sip:sudhir@example.com", null)], resolved.Entries);
        Assert.Equal(["presence"], resolved.Packages);
        Assert.Empty(resolved.Problems);
    }

    [Fact]
    public void A_resource_list_reference_is_followed_flattened_canonicalised_deduplicated_and_its_loop_reported()
    {
        var buddies = Rfc4826Services().Find("sip:mybuddies@example.com")!;

        var resolved = Assert.IsType<ResolvedList>(ResourceListResolver.Resolve(buddies, Store));

        Assert.Equal("Joe's buddies", resolved.DisplayName);
        Assert.Equal(
        [
            new ListEntry("sip:Alice@example.com", "Alice"),
            new ListEntry("sip:bob@example.com;transport=tcp", null),
            new ListEntry("sip:alice@example.com", "Alice again"),
            new ListEntry("sip:petri@example.com", "Petri (via Bill)"),
            new ListEntry("sip:carol@example.com", null),
        ], resolved.Entries);
        var loop = Assert.Single(resolved.Problems);
        Assert.Equal(ListProblemKind.Loop, loop.Kind);
        Assert.Equal([JoesLists, BillsLists], resolved.DocumentsRead);
    }

    [Fact]
    public void References_that_cannot_be_followed_are_reported_and_skipped()
    {
        var list = RequestList("""
            <list>
              <entry uri="sip:a@example.com"/>
              <entry-ref ref="resource-lists/users/sip:nobody@example.com/index/~~/resource-lists/list/entry"/>
              <entry-ref ref="resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5b@name=%22l1%22%5d"/>
              <external anchor="https://other.example.net/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list"/>
              <external anchor="http://xcap.example.com/pres-rules/users/sip:joe@example.com/index/~~/ruleset"/>
              <external anchor="not a uri"/>
              <entry/>
            </list>
            """);

        var resolved = Assert.IsType<ResolvedList>(ResourceListResolver.Resolve(list, Store, new ResourceListResolverOptions { XcapRoot = "http://xcap.example.com" }));

        Assert.Equal([new ListEntry("sip:a@example.com", null)], resolved.Entries);
        Assert.Equal(
            [ListProblemKind.UnresolvableReference, ListProblemKind.UnresolvableReference, ListProblemKind.UnresolvableReference,
             ListProblemKind.UnresolvableReference, ListProblemKind.UnresolvableReference, ListProblemKind.BadEntry],
            resolved.Problems.Select(p => p.Kind));
    }

    [Fact]
    public void Without_a_fetch_function_references_are_not_followed()
    {
        var resolved = Assert.IsType<ResolvedList>(ResourceListResolver.Resolve(Rfc4826Services().Find("sip:mybuddies@example.com")!, null));

        Assert.Empty(resolved.Entries);
        Assert.Equal("references are not followed here", Assert.Single(resolved.Problems).Detail);
    }

    [Fact]
    public void An_xcap_root_with_a_path_is_honoured()
    {
        var list = RequestList("""<list><external anchor="https://XCAP.example.com/xcap-root/resource-lists/users/sip:bill@example.com/index/~~/resource-lists/list%5b@name=%22list1%22%5d"/></list>""");

        var resolved = Assert.IsType<ResolvedList>(ResourceListResolver.Resolve(list, Store, new ResourceListResolverOptions { XcapRoot = "https://xcap.example.com/xcap-root" }));

        Assert.Equal([new ListEntry("sip:petri@example.com", "Petri")], resolved.Entries);
    }

    [Fact]
    public void An_entry_naming_the_service_itself_is_a_loop()
    {
        var services = RlsServices.Read(Encoding.UTF8.GetBytes("""
            <rls-services xmlns="urn:ietf:params:xml:ns:rls-services" xmlns:rl="urn:ietf:params:xml:ns:resource-lists">
              <service uri="sip:me@example.com">
                <list><rl:entry uri="sip:ME@example.com"/><rl:entry uri="sip:me@Example.com"/></list>
                <packages><package>presence</package><package>dialog</package></packages>
              </service>
            </rls-services>
            """));

        var resolved = Assert.IsType<ResolvedList>(ResourceListResolver.Resolve(services.Services[0], null));

        Assert.Equal([new ListEntry("sip:ME@example.com", null)], resolved.Entries);
        Assert.Equal(ListProblemKind.Loop, Assert.Single(resolved.Problems).Kind);
        Assert.Equal(["presence", "dialog"], resolved.Packages);
    }

    [Fact]
    public void Nesting_is_bounded()
    {
        var nested = string.Concat(Enumerable.Repeat("<list>", 12)) + "<entry uri=\"sip:deep@example.com\"/>" + string.Concat(Enumerable.Repeat("</list>", 12));
        var list = RequestList("<list><entry uri=\"sip:top@example.com\"/>" + nested + "</list>");

        var resolved = Assert.IsType<ResolvedList>(ResourceListResolver.Resolve(list, null));

        Assert.Equal([new ListEntry("sip:top@example.com", null)], resolved.Entries);
        Assert.Equal(ListProblemKind.TooDeep, Assert.Single(resolved.Problems).Kind);
    }

    [Fact]
    public void More_entries_than_allowed_is_too_many()
    {
        var list = RequestList("<list>" + string.Concat(Enumerable.Range(0, 11).Select(i => $"<entry uri=\"sip:u{i}@example.com\"/>")) + "</list>");

        Assert.IsType<ResolvedList>(ResourceListResolver.Resolve(list, null, new ResourceListResolverOptions { MaxEntries = 11 }));
        Assert.Equal(10, Assert.IsType<TooManyListEntries>(ResourceListResolver.Resolve(list, null, new ResourceListResolverOptions { MaxEntries = 10 })).MaxEntries);
    }

    [Fact]
    public void Lists_referring_many_times_to_each_other_cost_their_size()
    {
        // Eight lists, each referring ten times to the next: 10^7 paths, 8 lists.
        var lists = string.Concat(Enumerable.Range(0, 8).Select(i =>
            $"<list name=\"n{i}\"><entry uri=\"sip:u{i}@example.com\"/>"
            + (i < 7 ? string.Concat(Enumerable.Repeat($"<external anchor=\"http://x.example.com/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5b@name=%22n{i + 1}%22%5d\"/>", 10)) : string.Empty)
            + "</list>"));
        var document = Encoding.UTF8.GetBytes($"<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\">{lists}</resource-lists>");
        var list = RequestList("<list><external anchor=\"http://x.example.com/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5b@name=%22n0%22%5d\"/></list>");

        var resolved = Assert.IsType<ResolvedList>(ResourceListResolver.Resolve(list, s => s == JoesLists ? document : null, new ResourceListResolverOptions { MaxDepth = 20 }));

        Assert.Equal(8, resolved.Entries.Count);
        Assert.Single(resolved.DocumentsRead);
    }

    private static RequestContainedList RequestList(string lists) =>
        RequestContainedList.Read(
            Encoding.UTF8.GetBytes($"<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\">{lists}</resource-lists>"),
            "application/resource-lists+xml",
            "recipient-list");
}
