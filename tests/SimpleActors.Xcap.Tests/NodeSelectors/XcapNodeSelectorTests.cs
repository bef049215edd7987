using System.Xml.Linq;
using SimpleActors.Xcap.NodeSelectors;

namespace SimpleActors.Xcap.Tests.NodeSelectors;

public sealed class XcapNodeSelectorTests
{
    private const string Ns = "urn:ietf:params:xml:ns:resource-lists";
    private static readonly Dictionary<string, string> NoBindings = [];

    private static readonly XDocument Document = XDocument.Parse("""
        <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists" xmlns:x="urn:example:ext">
          <list name="friends">
            <entry uri="sip:bill@example.com" x:tag="a"/>
            <entry uri="sip:joe@example.com"/>
            <x:entry uri="sip:ext@example.com"/>
          </list>
          <list name='a"b'/>
        </resource-lists>
        """);

    [Fact]
    public void Unprefixed_element_names_are_in_the_usage_default_namespace()
    {
        var selector = XcapNodeSelector.Parse("resource-lists/list/entry", NoBindings);

        Assert.Equal(2, selector.SelectElements(Document, Ns).Count);
        Assert.Empty(selector.SelectElements(Document, string.Empty));
    }

    [Fact]
    public void Prefixed_names_use_the_query_bindings_not_the_document_prefixes()
    {
        var bound = new Dictionary<string, string> { ["e"] = "urn:example:ext" };

        var selected = XcapNodeSelector.Parse("resource-lists/list/e:entry", bound).SelectElements(Document, Ns);

        Assert.Equal("sip:ext@example.com", Assert.Single(selected).Attribute("uri")!.Value);
    }

    [Fact]
    public void Position_counts_the_children_that_pass_the_name_test()
    {
        var selector = XcapNodeSelector.Parse("resource-lists/list[1]/*[3]", NoBindings);

        Assert.Equal(XName.Get("entry", "urn:example:ext"), Assert.Single(selector.SelectElements(Document, Ns)).Name);
    }

    [Fact]
    public void Position_and_attribute_test_combine_as_in_xpath()
    {
        Assert.Single(XcapNodeSelector.Parse("resource-lists/list/entry[2][@uri=\"sip:joe@example.com\"]", NoBindings).SelectElements(Document, Ns));
        Assert.Empty(XcapNodeSelector.Parse("resource-lists/list/entry[1][@uri=\"sip:joe@example.com\"]", NoBindings).SelectElements(Document, Ns));
    }

    [Fact]
    public void Single_quotes_and_references_in_attribute_values_are_understood()
    {
        Assert.Single(XcapNodeSelector.Parse("resource-lists/list[@name='a\"b']", NoBindings).SelectElements(Document, Ns));
        Assert.Single(XcapNodeSelector.Parse("resource-lists/list[@name=\"a&quot;b\"]", NoBindings).SelectElements(Document, Ns));
        Assert.Single(XcapNodeSelector.Parse("resource-lists/list[@name=\"a&#x22;b\"]", NoBindings).SelectElements(Document, Ns));
    }

    [Fact]
    public void An_attribute_terminal_selects_the_attribute_and_never_a_namespace_declaration()
    {
        var bound = new Dictionary<string, string> { ["x"] = "urn:example:ext" };

        var tag = XcapNodeSelector.Parse("resource-lists/list/entry[1]/@x:tag", bound).Select(Document, Ns);
        var xmlns = XcapNodeSelector.Parse("resource-lists/@xmlns", NoBindings).Select(Document, Ns);

        Assert.Equal("a", ((XAttribute)Assert.Single(tag)).Value);
        Assert.Empty(xmlns);
    }

    [Theory]
    [InlineData("resource-lists/list[@name=\"friends\"]/entry[@uri=\"sip:bill@example.com\"]/@uri")]
    [InlineData("*/*[2]/namespace::*")]
    [InlineData("a/b[3][@c='d']")]
    public void A_selector_written_back_reads_the_same(string text)
    {
        var selector = XcapNodeSelector.Parse(text, NoBindings);

        Assert.Equal(selector.ToString(), XcapNodeSelector.Parse(selector.ToString(), NoBindings).ToString());
    }
}
