using System.Text;
using System.Xml.Linq;
using SimpleActors.Presence.Patch;
using SimpleActors.Xcap.Diff;

namespace SimpleActors.Xcap.Tests.Diff;

/// <summary>
/// xcap-diff documents (RFC 5874). The example documents follow those of RFC 5874 (copyright the IETF Trust): the
/// three consecutive patches of one document in one notification, and a notification with created, deleted and
/// unchanged documents and element and attribute entries.
/// </summary>
public class XcapDiffTests
{
    private const string ResourceListsNamespace = "urn:ietf:params:xml:ns:resource-lists";

    // After RFC 5874: one document patched three times; each <add sel="*"> appends to the root element.
    private const string ThreePatches = """
        <?xml version="1.0" encoding="UTF-8"?>
        <d:xcap-diff xmlns:d="urn:ietf:params:xml:ns:xcap-diff"
                   xcap-root="http://xcap.example.com/">

         <d:document previous-etag="7ahggs"
                     sel="tests/users/sip:joe@example.com/index"
                     new-etag="fgherhryt3">
           <d:add sel="*"
            ><foo>this is a new element</foo></d:add></d:document>

         <d:document previous-etag="fgherhryt3"
                     sel="tests/users/sip:joe@example.com/index"
                     new-etag="dgdgdfgrrr">
           <d:add sel="*"
            ><bar>this is a bar element
        </bar></d:add></d:document>

         <d:document previous-etag="dgdgdfgrrr"
                     sel="tests/users/sip:joe@example.com/index"
                     new-etag="63hjjsll">
           <d:add sel="*"
            ><foobar>this is a foobar element</foobar></d:add></d:document>

        </d:xcap-diff>
        """;

    // After RFC 5874: created, deleted and etag-only documents; element and attribute entries present and gone.
    private const string Notification = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff"
                   xmlns:rl="urn:ietf:params:xml:ns:resource-lists"
                   xcap-root="http://xcap.example.com/root/">

         <document new-etag="7hahsd" sel="resource-lists/users/sip:joe@example.com/coworkers"/>

         <document previous-etag="ffds66a" sel="rls-services/users/sip:joe@example.com/index"/>

         <document previous-etag="5hjkhh" new-etag="gqwer3" sel="pres-rules/users/sip:joe@example.com/index">
          <body-not-changed/>
         </document>

         <document previous-etag="gqwer3" new-etag="ppoiu7" sel="resource-lists/users/sip:joe@example.com/index">
          <replace sel="rl:resource-lists/rl:list[@name='friends']/@name">close-friends</replace>
          <add sel="rl:resource-lists/rl:list[@name='close-friends']"><rl:entry uri="sip:ann@example.com"/></add>
         </document>

         <element sel="resource-lists/users/sip:joe@example.com/index/~~/rl:resource-lists/rl:list%5b@name=%22close-friends%22%5d/rl:entry%5b@uri=%22sip:bill@example.com%22%5d"
          ><rl:entry uri="sip:bill@example.com"><rl:display-name>Bill</rl:display-name></rl:entry></element>

         <element sel="resource-lists/users/sip:joe@example.com/index/~~/rl:resource-lists/rl:list%5b@name=%22close-friends%22%5d/rl:entry%5b@uri=%22sip:joe@example.com%22%5d"
                  exists="0"/>

         <attribute sel="resource-lists/users/sip:joe@example.com/index/~~/rl:resource-lists/rl:list/@name">close-friends</attribute>

         <attribute sel="resource-lists/users/sip:joe@example.com/index/~~/rl:resource-lists/rl:list/@owner" exists="0"/>
        </xcap-diff>
        """;

    private const string Index = """
        <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">
          <list name="friends">
            <entry uri="sip:bill@example.com"><display-name>Bill</display-name></entry>
          </list>
        </resource-lists>
        """;

    private static XDocument Parse(string xml) => XDocument.Parse(xml, LoadOptions.PreserveWhitespace);

    private static XcapDiffDocument Read(string xml) => XcapDiffReader.Parse(Encoding.UTF8.GetBytes(xml));

    private static XcapDiffDocument RoundTrip(XcapDiffDocument document) => XcapDiffReader.Parse(XcapDiffWriter.Write(document));

    [Fact]
    public void Consecutive_patches_of_one_document_apply_in_turn()
    {
        var diff = Read(ThreePatches);
        Assert.Equal("http://xcap.example.com/", diff.XcapRoot);
        var documents = diff.Entries.Cast<XcapDiffDocumentEntry>().ToList();
        Assert.Equal(["7ahggs", "fgherhryt3", "dgdgdfgrrr"], documents.Select(d => d.PreviousETag));
        Assert.Equal(["fgherhryt3", "dgdgdfgrrr", "63hjjsll"], documents.Select(d => d.NewETag));
        Assert.All(documents, d => Assert.Equal(XcapDiffChange.Modified, d.Change));

        var document = Parse("<index/>");
        foreach (var entry in documents)
        {
            document = XmlPatch.Apply(document, entry.Operations);
        }

        Assert.Equal(
            "<index><foo>this is a new element</foo><bar>this is a bar element\n</bar><foobar>this is a foobar element</foobar></index>",
            document.Root!.ToString(SaveOptions.DisableFormatting));
    }

    [Fact]
    public void The_etags_tell_created_deleted_and_modified_documents()
    {
        var documents = Read(Notification).Entries.OfType<XcapDiffDocumentEntry>().ToList();
        Assert.Equal(
            [XcapDiffChange.Created, XcapDiffChange.Deleted, XcapDiffChange.Modified, XcapDiffChange.Modified],
            documents.Select(d => d.Change));
        Assert.Empty(documents[0].Operations);
        Assert.False(documents[0].BodyNotChanged);
        Assert.True(documents[2].BodyNotChanged);
        Assert.Equal(2, documents[3].Operations.Count);
    }

    [Fact]
    public void Element_and_attribute_entries_carry_the_content_or_say_it_is_gone()
    {
        var entries = Read(Notification).Entries;
        var elements = entries.OfType<XcapDiffElementEntry>().ToList();
        Assert.Equal(XName.Get("entry", ResourceListsNamespace), elements[0].Content!.Name);
        Assert.Equal("Bill", elements[0].Content!.Value);
        Assert.False(elements[1].Exists);
        var attributes = entries.OfType<XcapDiffAttributeEntry>().ToList();
        Assert.Equal("close-friends", attributes[0].Value);
        Assert.False(attributes[1].Exists);
    }

    [Fact]
    public void Patch_prefixes_resolve_against_the_declarations_of_the_xcap_diff_document()
    {
        var patch = Read(Notification).Entries.OfType<XcapDiffDocumentEntry>().Last();
        var result = XmlPatch.Apply(Parse(Index), patch.Operations);
        XNamespace rl = ResourceListsNamespace;
        var list = result.Root!.Element(rl + "list")!;
        Assert.Equal("close-friends", (string?)list.Attribute("name"));
        Assert.Equal("sip:ann@example.com", (string?)list.Elements(rl + "entry").Last().Attribute("uri"));
    }

    [Fact]
    public void Unprefixed_patch_names_in_an_xcap_diff_document_are_in_the_xcap_diff_namespace_and_match_nothing()
    {
        var xml = Notification.Replace("rl:resource-lists/rl:list[@name='friends']/@name", "resource-lists/list[@name='friends']/@name", StringComparison.Ordinal);
        var patch = Read(xml).Entries.OfType<XcapDiffDocumentEntry>().Last();
        var error = Assert.Throws<XmlPatchException>(() => XmlPatch.Apply(Parse(Index), patch.Operations));
        Assert.Equal(PatchErrorKind.UnlocatedNode, error.Kind);
    }

    [Fact]
    public void Written_and_read_back_the_notification_keeps_every_entry()
    {
        var original = Read(Notification);
        var copy = RoundTrip(original);
        Assert.Equal(original.XcapRoot, copy.XcapRoot);
        Assert.Equal(original.Entries.Select(e => (e.GetType(), e.Selector)), copy.Entries.Select(e => (e.GetType(), e.Selector)));
        var patched = XmlPatch.Apply(Parse(Index), copy.Entries.OfType<XcapDiffDocumentEntry>().Last().Operations);
        Assert.True(XNode.DeepEquals(XmlPatch.Apply(Parse(Index), original.Entries.OfType<XcapDiffDocumentEntry>().Last().Operations), patched));
        Assert.True(copy.Entries.OfType<XcapDiffDocumentEntry>().ElementAt(2).BodyNotChanged);
        Assert.Equal("Bill", copy.Entries.OfType<XcapDiffElementEntry>().First().Content!.Value);
        Assert.Null(copy.Entries.OfType<XcapDiffAttributeEntry>().Last().Value);
    }

    [Fact]
    public void The_writer_declares_the_prefixes_of_patches_made_by_the_diff()
    {
        var newer = Parse(Index.Replace("name=\"friends\"", "name=\"close-friends\"", StringComparison.Ordinal)
            .Replace("</list>", "  <entry uri=\"sip:ann@example.com\"/>\n  </list>", StringComparison.Ordinal));
        var entry = new XcapDiffDocumentEntry("resource-lists/users/sip:joe@example.com/index")
        {
            PreviousETag = "a",
            NewETag = "b",
            Operations = XmlPatch.Diff(Parse(Index), newer),
        };
        var bytes = XcapDiffWriter.Write(new XcapDiffDocument("http://xcap.example.com/", [entry]));
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains(" xmlns=\"urn:ietf:params:xml:ns:xcap-diff\"", text, StringComparison.Ordinal);
        Assert.Contains("<replace sel=\"/ns1:resource-lists/ns1:list/@name\" xmlns:ns1=\"urn:ietf:params:xml:ns:resource-lists\">close-friends</replace>", text, StringComparison.Ordinal);

        var read = (XcapDiffDocumentEntry)XcapDiffReader.Parse(bytes).Entries.Single();
        Assert.True(XNode.DeepEquals(newer.Root, XmlPatch.Apply(Parse(Index), read.Operations).Root));
    }

    [Fact]
    public void A_patch_with_unprefixed_names_is_written_with_its_default_namespace_and_a_prefix_for_xcap_diff()
    {
        var diff = Parse($"""<diff xmlns="{ResourceListsNamespace}"><replace sel="resource-lists/list/@name">family</replace></diff>""");
        var entry = new XcapDiffDocumentEntry("resource-lists/users/sip:joe@example.com/index") { PreviousETag = "a", NewETag = "b", Operations = [.. diff.Root!.Elements()] };
        var bytes = XcapDiffWriter.Write(new XcapDiffDocument("http://xcap.example.com/", [entry]));
        Assert.Contains($"<xd:replace sel=\"resource-lists/list/@name\" xmlns:xd=\"urn:ietf:params:xml:ns:xcap-diff\" xmlns=\"{ResourceListsNamespace}\">family</xd:replace>", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

        var read = (XcapDiffDocumentEntry)XcapDiffReader.Parse(bytes).Entries.Single();
        var result = XmlPatch.Apply(Parse(Index), read.Operations);
        Assert.Equal("family", (string?)result.Root!.Element(XName.Get("list", ResourceListsNamespace))!.Attribute("name"));
    }

    [Fact]
    public void An_empty_notification_and_gone_nodes_are_written_as_the_schema_wants()
    {
        var document = new XcapDiffDocument(
            "http://xcap.example.com/",
            [
                new XcapDiffDocumentEntry("resource-lists/users/sip:joe@example.com/index") { PreviousETag = "x", NewETag = "y", BodyNotChanged = true },
                new XcapDiffElementEntry("resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list", null),
                new XcapDiffAttributeEntry("resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list/@name", null),
            ]);
        var root = XcapDiffWriter.ToXml(document).Root!;
        XNamespace ns = "urn:ietf:params:xml:ns:xcap-diff";
        Assert.NotNull(root.Element(ns + "document")!.Element(ns + "body-not-changed"));
        Assert.Equal("0", (string?)root.Element(ns + "element")!.Attribute("exists"));
        Assert.Equal("0", (string?)root.Element(ns + "attribute")!.Attribute("exists"));
        Assert.Empty(RoundTrip(new XcapDiffDocument("http://xcap.example.com/", [])).Entries);
    }

    [Theory]
    [InlineData("<xcap-diff xmlns=\"urn:ietf:params:xml:ns:xcap-diff\"/>")]
    [InlineData("<diff xcap-root=\"http://x/\"/>")]
    [InlineData("<xcap-diff xmlns=\"urn:ietf:params:xml:ns:xcap-diff\" xcap-root=\"http://x/\"><document/></xcap-diff>")]
    [InlineData("<xcap-diff xmlns=\"urn:ietf:params:xml:ns:xcap-diff\" xcap-root=\"http://x/\"><element sel=\"a\" exists=\"maybe\"/></xcap-diff>")]
    [InlineData("<xcap-diff xmlns=\"urn:ietf:params:xml:ns:xcap-diff\" xcap-root=\"http://x/\"><document sel=\"a\"><body-not-changed/><remove sel=\"*/x\"/></document></xcap-diff>")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"e\">]><xcap-diff xmlns=\"urn:ietf:params:xml:ns:xcap-diff\" xcap-root=\"http://x/\"/>")]
    [InlineData("<xcap-diff")]
    public void Malformed_documents_are_rejected_with_a_format_exception(string xml) =>
        Assert.Throws<FormatException>(() => Read(xml));

    // Found by the xcap fuzz target (docs/reliability.md; tests/fuzz/corpus/xcap/regression-xcap-diff-declaration-encoding):
    // System.Xml's reader, switching encoding at an XML declaration that runs on into undecodable bytes, throws
    // ArgumentOutOfRangeException instead of XmlException.
    [Fact]
    public void A_declaration_running_into_undecodable_bytes_is_a_format_exception()
    {
        var body = Encoding.ASCII.GetBytes("<?xml version=\"1.0").Concat(Enumerable.Repeat((byte)0xC2, 30)).Concat("\" ?>\n<xcap-diff/>"u8.ToArray()).ToArray();

        Assert.Throws<FormatException>(() => XcapDiffReader.Parse(body));
    }

    [Fact]
    public void A_document_nested_deeper_than_the_limit_is_a_format_exception_before_any_copy_recurses()
    {
        const int depth = 100_000;
        var body = "<xcap-diff xmlns=\"urn:ietf:params:xml:ns:xcap-diff\" xcap-root=\"http://x/\"><element sel=\"a\">"
            + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "</element></xcap-diff>";

        Assert.Throws<FormatException>(() => XcapDiffReader.Parse(Encoding.UTF8.GetBytes(body)));
    }
}
