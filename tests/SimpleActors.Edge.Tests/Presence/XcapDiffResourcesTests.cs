using System.Text;
using SimpleActors.Edge.Presence;
using SimpleActors.Engine.Subscription;

namespace SimpleActors.Edge.Tests.Presence;

/// <summary>What an xcap-diff SUBSCRIBE's resource list asks to watch (RFC 5875 section 4.2).</summary>
public sealed class XcapDiffResourcesTests
{
    private const string Alice = "sip:alice@example.com";
    private const string RootPath = "/xcap-root";
    private const string Root = "http://xcap.example.com/xcap-root";
    private const string Lists = "resource-lists/users/sip:alice@example.com/index";
    private const string Rules = "pres-rules/users/sip:alice@example.com/index";

    private static byte[] ResourceList(params string[] uris) => Encoding.UTF8.GetBytes($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">
          <list>{string.Concat(uris.Select(u => $"<entry uri=\"{System.Security.SecurityElement.Escape(u)}\"/>"))}</list>
        </resource-lists>
        """);

    private static (WatchedDocuments? Documents, string? Refusal) Parse(byte[] body, string? diffProcessing = null, string? contentType = XcapDiffResources.ContentType) =>
        XcapDiffResources.Parse(body, contentType, RootPath, Alice, diffProcessing);

    private static WatchedDocuments Watched(params string[] uris)
    {
        var (documents, refusal) = Parse(ResourceList(uris));
        Assert.Null(refusal);
        return documents!;
    }

    [Fact]
    public void The_watchers_documents_and_folders_are_kept_with_the_root_they_are_under()
    {
        var watched = Watched(Root + "/" + Lists, Root + "/" + Rules, Root + "/pidf-manipulation/users/sip:alice@example.com/");

        Assert.Equal(Root, watched.Root);
        Assert.Equal([Lists, Rules, "pidf-manipulation/users/sip:alice@example.com/"], watched.Selectors);
        Assert.Null(watched.DiffProcessing);
    }

    [Fact]
    public void A_folder_covers_the_documents_below_it_and_a_document_only_itself()
    {
        var watched = Watched(Root + "/resource-lists/users/sip:alice@example.com/", Root + "/" + Rules);

        Assert.True(watched.Covers(Lists));
        Assert.True(watched.Covers("resource-lists/users/sip:alice@example.com/friends/index"));
        Assert.True(watched.Covers(Rules));
        Assert.False(watched.Covers("pres-rules/users/sip:alice@example.com/other"));
        Assert.False(watched.Covers("pidf-manipulation/users/sip:alice@example.com/index"));
    }

    [Theory]
    [InlineData(Root + "/resource-lists/users/sip:bob@example.com/index")]
    [InlineData(Root + "/resource-lists/users/sip:bob@example.com/")]
    [InlineData(Root + "/xcap-caps/global/index")]
    [InlineData(Root + "/resource-lists/users/")]
    [InlineData("http://xcap.example.com/other-root/" + Lists)]
    [InlineData("http://xcap.example.com/" + Lists)]
    [InlineData(Root + "/" + Lists + "/~~/resource-lists/list%5B@name=%22friends%22%5D")]
    [InlineData(Root + "/" + Lists + "/~~/resource-lists/list%5B@name=%22friends%22%5D/@name")]
    [InlineData("sip:alice@example.com")]
    [InlineData("ftp://xcap.example.com/xcap-root/" + Lists)]
    [InlineData("/xcap-root/" + Lists)]
    public void An_entry_of_another_user_outside_the_root_naming_a_node_or_not_http_is_left_out(string uri)
    {
        var watched = Watched(Root + "/" + Rules, uri);

        Assert.Equal([Rules], watched.Selectors);
    }

    [Fact]
    public void A_list_with_nothing_the_watcher_may_watch_is_refused()
    {
        var (documents, refusal) = Parse(ResourceList(Root + "/resource-lists/users/sip:bob@example.com/index", "sip:alice@example.com"));

        Assert.Null(documents);
        Assert.Contains("names no XCAP document", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_under_another_root_than_the_first_ones_are_left_out()
    {
        var watched = Watched(
            "https://xcap.example.com/xcap-root/resource-lists/users/sip:bob@example.com/index",
            Root + "/" + Lists,
            "https://xcap.example.com/xcap-root/" + Rules,
            Root + "/pidf-manipulation/users/sip:alice@example.com/index");

        Assert.Equal(Root, watched.Root);
        Assert.Equal([Lists, "pidf-manipulation/users/sip:alice@example.com/index"], watched.Selectors);
    }

    [Fact]
    public void A_percent_encoded_xui_names_the_watchers_documents_in_their_canonical_form()
    {
        var watched = Watched(Root + "/resource-lists/users/sip%3Aalice%40example.com/index", Root + "/pres-rules/users/sip:alice@EXAMPLE.com/index");

        Assert.Equal([Lists, Rules], watched.Selectors);
    }

    [Fact]
    public void A_folder_with_the_host_in_another_case_covers_the_watchers_documents()
    {
        var watched = Watched(Root + "/resource-lists/users/sip%3Aalice%40EXAMPLE.com/");

        Assert.Equal(["resource-lists/users/sip:alice@example.com/"], watched.Selectors);
        Assert.True(watched.Covers(Lists));
    }

    [Fact]
    public void A_document_listed_twice_is_watched_once()
    {
        var watched = Watched(
            Root + "/" + Lists,
            Root + "/resource-lists/users/sip%3Aalice%40example.com/index",
            Root + "/resource-lists/users/sip:alice@EXAMPLE.com/index",
            Root + "/pres-rules/users/sip:alice@example.com/",
            Root + "/pres-rules/users/sip:alice@EXAMPLE.com/");

        Assert.Equal([Lists, "pres-rules/users/sip:alice@example.com/"], watched.Selectors);
    }

    [Theory]
    [InlineData("xcap-patching", WatchedDocuments.XcapPatching)]
    [InlineData("XCAP-Patching", WatchedDocuments.XcapPatching)]
    [InlineData("aggregate", WatchedDocuments.Aggregate)]
    [InlineData("AGGREGATE", WatchedDocuments.Aggregate)]
    [InlineData("no-patching", WatchedDocuments.NoPatching)]
    [InlineData("No-Patching", WatchedDocuments.NoPatching)]
    [InlineData("patch-everything", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_diff_processing_asked_for_is_kept_in_lower_case_and_an_unknown_one_is_the_default(string? asked, string? kept)
    {
        var (documents, _) = Parse(ResourceList(Root + "/" + Lists), asked);

        Assert.Equal(kept, documents?.DiffProcessing);
        Assert.NotNull(documents);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/xml")]
    [InlineData("application/rls-services+xml")]
    [InlineData("text/plain")]
    public void A_body_of_another_type_is_refused(string? contentType)
    {
        var (documents, refusal) = Parse(ResourceList(Root + "/" + Lists), contentType: contentType);

        Assert.Null(documents);
        Assert.Contains("application/resource-lists+xml", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void The_content_type_compares_case_insensitively()
    {
        var (documents, refusal) = Parse(ResourceList(Root + "/" + Lists), contentType: "Application/Resource-Lists+XML");

        Assert.Null(refusal);
        Assert.Equal([Lists], documents?.Selectors);
    }

    [Fact]
    public void An_empty_body_is_refused()
    {
        var (documents, refusal) = Parse([]);

        Assert.Null(documents);
        Assert.NotNull(refusal);
    }

    [Theory]
    [InlineData("<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list>")]
    [InlineData("not xml at all")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x \"http://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index\">]><resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list><entry uri=\"&x;\"/></list></resource-lists>")]
    public void A_body_that_is_not_well_formed_or_has_a_dtd_is_refused(string body)
    {
        var (documents, refusal) = Parse(Encoding.UTF8.GetBytes(body));

        Assert.Null(documents);
        Assert.Contains("not well-formed", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_larger_than_the_limit_is_refused()
    {
        var padding = new string(' ', XcapDiffResources.MaxBodyBytes);
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(ResourceList(Root + "/" + Lists)).Replace("<list>", "<list>" + padding, StringComparison.Ordinal));

        var (documents, refusal) = Parse(body);

        Assert.Null(documents);
        Assert.Equal("resource list too large", refusal);
    }

    [Fact]
    public void Entries_of_another_namespace_are_not_read()
    {
        var body = Encoding.UTF8.GetBytes($"""
            <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists" xmlns:x="urn:example:other">
              <list><x:entry uri="{Root}/{Rules}"/><entry uri="{Root}/{Lists}"/></list>
            </resource-lists>
            """);

        var (documents, _) = Parse(body);

        Assert.Equal([Lists], documents?.Selectors);
    }
}
