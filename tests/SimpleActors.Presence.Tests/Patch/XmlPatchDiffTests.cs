using System.Xml.Linq;
using SimpleActors.Presence.Patch;
using static SimpleActors.Presence.Tests.Patch.PatchXml;

namespace SimpleActors.Presence.Tests.Patch;

public class XmlPatchDiffTests
{
    private const string ResourceLists = """
        <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">
          <list name="friends">
            <entry uri="sip:bill@example.com"><display-name>Bill</display-name></entry>
            <entry uri="sip:joe@example.com"><display-name>Joe</display-name></entry>
          </list>
        </resource-lists>
        """;

    private static IReadOnlyList<XElement> RoundTrip(string oldXml, string newXml)
    {
        var oldDocument = Parse(oldXml);
        var newDocument = Parse(newXml);
        var operations = XmlPatch.Diff(oldDocument, newDocument);
        var diff = Parse(new XElement("diff", operations).ToString(SaveOptions.DisableFormatting));
        Assert.True(Equal(newDocument, XmlPatch.Apply(oldDocument, diff.Root!)));
        return operations;
    }

    [Fact]
    public void Equal_documents_need_no_directive() =>
        Assert.Empty(RoundTrip(ResourceLists, ResourceLists));

    [Fact]
    public void One_changed_attribute_is_one_replace_with_its_prefix_declared_on_the_directive()
    {
        var operation = Assert.Single(RoundTrip(ResourceLists, ResourceLists.Replace("sip:joe@", "sip:joseph@", StringComparison.Ordinal)));
        Assert.Equal("replace", operation.Name.LocalName);
        var sel = (string)operation.Attribute("sel")!;
        var prefix = sel[1..sel.IndexOf(':', StringComparison.Ordinal)];
        Assert.Equal($"/{prefix}:resource-lists/{prefix}:list/{prefix}:entry[2]/@uri", sel);
        Assert.Equal("urn:ietf:params:xml:ns:resource-lists", operation.GetNamespaceOfPrefix(prefix)?.NamespaceName);
        Assert.Equal("sip:joseph@example.com", operation.Value);
    }

    [Fact]
    public void A_new_entry_is_one_add_and_a_removed_one_one_remove()
    {
        var added = ResourceLists.Replace("</list>", "  <entry uri=\"sip:ann@example.com\"/>\n  </list>", StringComparison.Ordinal);
        var operations = RoundTrip(ResourceLists, added);
        Assert.Equal("add", Assert.Single(operations).Name.LocalName);

        var removed = ResourceLists.Replace("\n    <entry uri=\"sip:bill@example.com\"><display-name>Bill</display-name></entry>", "", StringComparison.Ordinal);
        var removal = Assert.Single(RoundTrip(ResourceLists, removed));
        Assert.Equal("remove", removal.Name.LocalName);
        Assert.Equal("before", (string?)removal.Attribute("ws"));
    }

    [Fact]
    public void Changed_text_is_replaced_where_it_is() =>
        Assert.Equal(
            "text()",
            ((string)Assert.Single(RoundTrip(ResourceLists, ResourceLists.Replace(">Joe<", ">Joseph<", StringComparison.Ordinal))).Attribute("sel")!).Split('/')[^1][..6]);

    [Fact]
    public void A_renamed_root_is_replaced_whole()
    {
        var operation = Assert.Single(RoundTrip("<a><x/></a>", "<b><x/></b>"));
        Assert.Equal("replace", operation.Name.LocalName);
        Assert.Equal("/*", (string?)operation.Attribute("sel"));
    }

    [Fact]
    public void The_directives_take_the_namespace_asked_for() =>
        Assert.All(
            XmlPatch.Diff(Parse("<a x='1'/>"), Parse("<a x='2'><b/></a>"), "urn:ietf:params:xml:ns:pidf-diff"),
            o => Assert.Equal("urn:ietf:params:xml:ns:pidf-diff", o.Name.NamespaceName));

    [Fact]
    public void The_diff_of_the_RFC_5261_A18_example_reproduces_its_result() =>
        RoundTrip(Rfc5261ExampleTests.A18Target, Rfc5261ExampleTests.A18Result);

    [Theory]
    [InlineData("<a xmlns:p='urn:p'><p:x/></a>", "<a xmlns:p='urn:p' xmlns:q='urn:q'><p:x/><q:y/></a>")]
    [InlineData("<a xmlns:p='urn:p' xmlns:q='urn:q'><p:x/><q:y/></a>", "<a xmlns:p='urn:p'><p:x/></a>")]
    [InlineData("<a xmlns:p='urn:p'><p:x/></a>", "<a xmlns:p='urn:other'><p:x/></a>")]
    [InlineData("<a xmlns='urn:d'><x/></a>", "<a xmlns='urn:d'><x/><y xmlns=''/></a>")]
    [InlineData("<a><!--c--><?pi d?>t<b/>u</a>", "<a>t<?pi e?><b>v</b><!--c--></a>")]
    [InlineData("<a>\n  <b/>\n</a>", "<a>\n  <b/>\n  <c/>\n</a>")]
    [InlineData("<a>\n  <b/>\n  <c/>\n</a>", "<a>\n  <c/>\n</a>")]
    [InlineData("<a>x</a>", "<a/>")]
    [InlineData("<a/>", "<a>x<b/></a>")]
    [InlineData("<a xml:lang='en' b=''/>", "<a xml:lang='de' c='&lt;&amp;&quot;'/>")]
    public void Namespace_declarations_mixed_content_and_whitespace_round_trip(string oldXml, string newXml) =>
        RoundTrip(oldXml, newXml);
}
