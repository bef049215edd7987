using System.Xml.Linq;
using SimpleActors.Presence.Patch;
using static SimpleActors.Presence.Tests.Patch.PatchXml;

namespace SimpleActors.Presence.Tests.Patch;

public class PatchSelectorTests
{
    private static readonly XDocument Document = Parse("""
        <r:root xmlns:r="urn:r" xmlns:x="urn:x" xml:lang="en">
          <r:item id="1" x:kind="a"><r:name>one</r:name></r:item>
          <r:item id="2"><r:name>two</r:name>tail<!-- c1 --><?pi one?><?pi two?><?other?></r:item>
          <plain xml:id="p1">no namespace</plain>
          <x:item>x</x:item>
        </r:root>
        """);

    private static IReadOnlyList<XObject> Select(string sel, string? defaultNamespace = null) =>
        PatchSelector.Parse(sel).Select(
            Document,
            p => p switch { "r" => "urn:r", "y" => "urn:x", _ => null },
            defaultNamespace ?? XNamespace.None);

    private static XObject One(string sel, string? defaultNamespace = null) => Assert.Single(Select(sel, defaultNamespace));

    [Theory]
    [InlineData("r:root/r:item[@id='2']/r:name", "two")]
    [InlineData("/r:root/r:item[2]/r:name", "two")]
    [InlineData("r:root/r:item[r:name='one']/r:name", "one")]
    [InlineData("r:root/r:item[r:name=\"one\"]/r:name", "one")]
    [InlineData("*/r:item[@y:kind='a']/*", "one")]
    [InlineData("r:root/*[3]", "no namespace")]
    [InlineData("r:root/plain", "no namespace")]
    [InlineData("r:root/y:item", "x")]
    [InlineData("r:root/y:item[.='x']", "x")]
    [InlineData("id('p1')", "no namespace")]
    [InlineData("r:root/r:item[@id='2'][1]/r:name", "two")]
    public void Element_steps_select_one_element(string sel, string value) =>
        Assert.Equal(value, ((XElement)One(sel)).Value);

    [Fact]
    public void Unprefixed_element_names_are_in_the_default_namespace_of_the_directive() =>
        Assert.Equal("two", ((XElement)One("root/item[@id='2']/name", "urn:r")).Value);

    [Fact]
    public void Positions_count_after_the_predicates_before_them() =>
        Assert.Empty(Select("r:root/r:item[@id='2'][2]"));

    [Theory]
    [InlineData("r:root/r:item[2]/text()", "tail")]
    [InlineData("r:root/r:item[2]/text()[1]", "tail")]
    [InlineData("r:root/r:item[2]/comment()", " c1 ")]
    [InlineData("r:root/r:item[2]/processing-instruction('pi')[2]", "two")]
    [InlineData("r:root/r:item[2]/processing-instruction(\"other\")", "")]
    [InlineData("r:root/r:item[1]/@y:kind", "a")]
    [InlineData("r:root/@xml:lang", "en")]
    [InlineData("r:root/namespace::x", "urn:x")]
    [InlineData("r:root/*[3]/@xml:id", "p1")]
    public void Last_steps_select_text_comments_instructions_attributes_and_namespaces(string sel, string value)
    {
        var node = One(sel);
        Assert.Equal(value, node switch
        {
            XText t => t.Value,
            XComment c => c.Value,
            XProcessingInstruction p => p.Data,
            XAttribute a => a.Value,
            _ => null,
        });
    }

    [Fact]
    public void Namespace_steps_take_the_target_prefix_literally() =>
        Assert.Empty(Select("r:root/namespace::y"));

    [Fact]
    public void Unprefixed_attributes_are_in_no_namespace() =>
        Assert.Empty(Select("r:root/r:item[1]/@kind"));

    [Fact]
    public void Namespace_declarations_are_not_attributes() =>
        Assert.Empty(Select("r:root/@xmlns"));

    [Fact]
    public void The_selector_reports_its_prefixes_kind_and_default_namespace_use()
    {
        var selector = PatchSelector.Parse("/a:x/y[@b:c='1'][d:e='2']/@f:g");
        Assert.Equal(["a", "b", "d", "f"], selector.Prefixes);
        Assert.True(selector.UsesDefaultNamespace);
        Assert.Equal(PatchNodeKind.Attribute, selector.Kind);
        Assert.True(selector.IsAbsolute);
        Assert.False(PatchSelector.Parse("*/a:x[2]/namespace::n").UsesDefaultNamespace);
    }

    [Fact]
    public void An_undeclared_prefix_is_invalid_namespace_prefix() =>
        Assert.Equal(PatchErrorKind.InvalidNamespacePrefix, Assert.Throws<XmlPatchException>(() => Select("q:root")).Kind);
}
