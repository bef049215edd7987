using System.Xml.Linq;
using SimpleActors.Presence.Patch;
using static SimpleActors.Presence.Tests.Patch.PatchXml;

namespace SimpleActors.Presence.Tests.Patch;

/// <summary>
/// The examples of RFC 5261 Appendix A (A.1 to A.18): target documents and directives after the RFC (copyright the
/// IETF Trust), the whitespace of the diffs sometimes our own. The expected results follow the RFC's rules: added
/// nodes go in exactly as written in the diff, whitespace included, and nothing else is added.
/// </summary>
public class Rfc5261ExampleTests
{
    private const string Sample = "<doc>\n  <note>This is a sample document</note>\n</doc>";
    private const string WithFoo = "<doc>\n  <note>This is a sample document</note>\n  <foo id=\"ert4773\">This is a new child</foo>\n</doc>";

    [Fact]
    public void A1_adding_an_element_appends_it_as_the_last_child_without_added_whitespace()
    {
        var result = Apply(Sample, "<diff>\n  <add sel=\"doc\"><foo id=\"ert4773\">This is a new child</foo></add>\n</diff>");
        Equal("<doc>\n  <note>This is a sample document</note>\n<foo id=\"ert4773\">This is a new child</foo></doc>", result);
    }

    [Fact]
    public void A2_adding_an_attribute()
    {
        var result = Apply(WithFoo, "<diff>\n  <add sel=\"doc/foo[@id='ert4773']\" type=\"@user\">Bob</add>\n</diff>");
        Equal(WithFoo.Replace("id=\"ert4773\"", "id=\"ert4773\" user=\"Bob\"", StringComparison.Ordinal), result);
    }

    [Fact]
    public void A3_adding_a_prefixed_namespace_declaration()
    {
        var result = Apply(WithFoo, "<diff>\n  <add sel=\"doc\" type=\"namespace::pref\">urn:ns:xxx</add>\n</diff>");
        Equal(WithFoo.Replace("<doc>", "<doc xmlns:pref=\"urn:ns:xxx\">", StringComparison.Ordinal), result);
    }

    [Fact]
    public void A4_adding_a_comment_before_an_element()
    {
        var result = Apply(WithFoo, "<diff>\n  <add sel=\"doc/foo[@id='ert4773']\" pos=\"before\"><!-- comment --></add>\n</diff>");
        Equal("<doc>\n  <note>This is a sample document</note>\n  <!-- comment --><foo id=\"ert4773\">This is a new child</foo>\n</doc>", result);
    }

    [Fact]
    public void A5_adding_several_nodes_keeps_their_whitespace_and_merges_it_with_the_text_before()
    {
        var result = Apply(Sample, "<diff>\n  <add sel=\"doc\">\n  <foo id=\"ert4773\">This is a new child</foo>\n</add>\n</diff>");
        Equal("<doc>\n  <note>This is a sample document</note>\n\n  <foo id=\"ert4773\">This is a new child</foo>\n</doc>", result);
        Assert.Equal(5, result.Root!.Nodes().Count());
    }

    [Fact]
    public void A6_replacing_an_element_ignores_whitespace_around_the_replacement()
    {
        var result = Apply(
            "<doc>\n  <foo a=\"1\">This is a sample document</foo>\n</doc>",
            "<diff>\n  <replace sel=\"doc/foo[@a='1']\">\n    <bar a=\"2\"/>\n  </replace>\n</diff>");
        Equal("<doc>\n  <bar a=\"2\"/>\n</doc>", result);
    }

    [Fact]
    public void A7_replacing_an_attribute_value()
    {
        var result = Apply(
            "<doc a=\"test\">\n  <foo a=\"1\">This is a sample document</foo>\n</doc>",
            "<diff>\n  <replace sel=\"doc/@a\">new value</replace>\n</diff>");
        Equal("<doc a=\"new value\">\n  <foo a=\"1\">This is a sample document</foo>\n</doc>", result);
    }

    [Fact]
    public void A8_replacing_a_namespace_declaration_uri()
    {
        var result = Apply(
            "<doc xmlns:pref=\"urn:test\">\n  <foo a=\"1\">This is a sample document</foo>\n</doc>",
            "<diff>\n  <replace sel=\"doc/namespace::pref\">urn:new:xxx</replace>\n</diff>");
        Equal("<doc xmlns:pref=\"urn:new:xxx\">\n  <foo a=\"1\">This is a sample document</foo>\n</doc>", result);
    }

    [Fact]
    public void A8_names_written_with_the_prefix_move_to_the_new_namespace()
    {
        var result = Apply(
            "<doc xmlns:pref=\"urn:test\"><pref:foo pref:a=\"1\"/><bar xmlns:other=\"urn:test\"><other:baz/></bar></doc>",
            "<diff><replace sel=\"doc/namespace::pref\">urn:new:xxx</replace></diff>");
        XNamespace renamed = "urn:new:xxx";
        var foo = result.Root!.Element(renamed + "foo")!;
        Assert.Equal("1", (string?)foo.Attribute(renamed + "a"));
        Assert.NotNull(result.Root.Element("bar")!.Element(XNamespace.Get("urn:test") + "baz"));
    }

    [Fact]
    public void A9_replacing_a_comment()
    {
        var result = Apply(
            "<doc xmlns:pref=\"urn:test\">\n  <foo a=\"1\">This is a sample document</foo>\n  <!-- comment -->\n</doc>",
            "<diff>\n  <replace sel=\"doc/comment()[1]\"><!-- This is the new content --></replace>\n</diff>");
        Equal("<doc xmlns:pref=\"urn:test\">\n  <foo a=\"1\">This is a sample document</foo>\n  <!-- This is the new content -->\n</doc>", result);
    }

    [Fact]
    public void A10_replacing_a_processing_instruction()
    {
        var result = Apply(
            "<doc>\n  <foo a=\"1\">This is a sample document</foo>\n  <?test foo=\"bar\"?>\n</doc>",
            "<diff>\n  <replace sel='doc/processing-instruction(\"test\")'><?test bar=\"foobar\"?></replace>\n</diff>");
        Equal("<doc>\n  <foo a=\"1\">This is a sample document</foo>\n  <?test bar=\"foobar\"?>\n</doc>", result);
    }

    [Fact]
    public void A11_replacing_a_text_node()
    {
        var result = Apply(
            "<doc>\n  <foo a=\"1\">This is a sample document</foo>\n</doc>",
            "<diff>\n  <replace sel=\"doc/foo/text()[1]\">This is the new text content</replace>\n</diff>");
        Equal("<doc>\n  <foo a=\"1\">This is the new text content</foo>\n</doc>", result);
    }

    [Fact]
    public void A12_removing_an_element_and_the_whitespace_after_it()
    {
        var result = Apply(
            "<doc>\n  <foo a=\"1\">This is a sample document</foo>\n</doc>",
            "<diff>\n  <remove sel=\"doc/foo[@a='1']\" ws=\"after\"/>\n</diff>");
        Equal("<doc>\n  </doc>", result);
    }

    [Fact]
    public void A13_removing_an_attribute()
    {
        var result = Apply(
            "<doc a=\"foo\">\n  <foo a=\"1\">This is a sample document</foo>\n</doc>",
            "<diff>\n  <remove sel=\"doc/@a\"/>\n</diff>");
        Equal("<doc>\n  <foo a=\"1\">This is a sample document</foo>\n</doc>", result);
    }

    [Fact]
    public void A14_removing_a_prefixed_namespace_declaration()
    {
        var result = Apply(
            "<doc>\n  <foo a=\"1\" xmlns:pref=\"urn:test\">This is a sample document</foo>\n  <!-- comment -->\n</doc>",
            "<diff>\n  <remove sel=\"doc/foo/namespace::pref\"/>\n</diff>");
        Equal("<doc>\n  <foo a=\"1\">This is a sample document</foo>\n  <!-- comment -->\n</doc>", result);
    }

    [Fact]
    public void A15_removing_a_comment_and_the_whitespace_after_it()
    {
        var result = Apply(
            "<doc>\n  <foo a=\"1\">This is a sample document</foo>\n  <!-- comment -->\n</doc>",
            "<diff>\n  <remove sel=\"doc/comment()[1]\" ws=\"after\"/>\n</diff>");
        Equal("<doc>\n  <foo a=\"1\">This is a sample document</foo>\n  </doc>", result);
    }

    [Fact]
    public void A16_removing_a_processing_instruction()
    {
        var result = Apply(
            "<doc>\n  <foo a=\"1\">This is a sample document</foo>\n  <?test?>\n</doc>",
            "<diff>\n  <remove sel='doc/processing-instruction(\"test\")'/>\n</diff>");
        Equal("<doc>\n  <foo a=\"1\">This is a sample document</foo>\n  \n</doc>", result);
        Assert.Equal(3, result.Root!.Nodes().Count());
    }

    [Fact]
    public void A17_removing_a_text_node()
    {
        var result = Apply(
            "<doc>\n  <foo a=\"1\">This is a sample document</foo>\n</doc>",
            "<diff>\n  <remove sel=\"doc/foo/text()[1]\"/>\n</diff>");
        Equal("<doc>\n  <foo a=\"1\"/>\n</doc>", result);
    }

    public const string A18Target = """
        <doc xmlns="urn:ietf:params:xml:ns:xxx"
             xmlns:z="urn:ietf:params:xml:ns:yyy">
          <note>This is a sample document</note>
          <elem a="foo">
            <child/>
          </elem>
          <elem a="bar">
            <z:child/>
          </elem>
        </doc>
        """;

    public const string A18Diff = """
        <p:diff xmlns="urn:ietf:params:xml:ns:xxx"
                xmlns:y="urn:ietf:params:xml:ns:yyy"
                xmlns:p="urn:ietf:params:xml:ns:diff">

          <p:add sel="doc/elem[@a='foo']">  <!-- This is a new child -->
            <child id="ert4773">
              <y:node/>
            </child>
          </p:add>

          <p:replace sel="doc/note/text()">Patched doc</p:replace>

          <p:remove sel="*/elem[@a='bar']/y:child" ws="both"/>

          <p:add sel="*/elem[@a='bar']" type="@b">new attr</p:add>

        </p:diff>
        """;

    public const string A18Result = """
        <doc xmlns="urn:ietf:params:xml:ns:xxx"
             xmlns:z="urn:ietf:params:xml:ns:yyy">
          <note>Patched doc</note>
          <elem a="foo">
            <child/>
            <!-- This is a new child -->
            <child id="ert4773">
              <z:node/>
            </child>
          </elem>
          <elem a="bar" b="new attr"/>
        </doc>
        """;

    [Fact]
    public void A18_several_patches_with_namespace_mangling()
    {
        var result = Apply(A18Target, A18Diff);
        Equal(A18Result, result);

        // Added content keeps its namespace and takes the target's prefix for it: no new declaration.
        Assert.DoesNotContain("xmlns:y", Write(result), StringComparison.Ordinal);
        Assert.Contains("<z:node", Write(result), StringComparison.Ordinal);
    }

    [Fact]
    public void A18_unprefixed_names_without_the_default_namespace_in_the_diff_match_nothing()
    {
        var diff = A18Diff.Replace("xmlns=\"urn:ietf:params:xml:ns:xxx\"", "", StringComparison.Ordinal);
        var error = Assert.Throws<XmlPatchException>(() => Apply(A18Target, diff));
        Assert.Equal(PatchErrorKind.UnlocatedNode, error.Kind);
    }
}
