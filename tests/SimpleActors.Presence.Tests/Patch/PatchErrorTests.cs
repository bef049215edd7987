using System.Xml.Linq;
using SimpleActors.Presence.Patch;
using static SimpleActors.Presence.Tests.Patch.PatchXml;

namespace SimpleActors.Presence.Tests.Patch;

/// <summary>The error conditions of RFC 5261 section 5.1 that applying a patch to a document can meet, and the error document.</summary>
public class PatchErrorTests
{
    private const string Target = "<doc a=\"1\" xmlns:p=\"urn:p\">\n  <foo>text</foo>\n  <foo/><p:bar/>\n</doc>";

    [Theory]
    [InlineData("<add sel=\"doc/foo[\"/>")]
    [InlineData("<add sel=\"doc//foo\"/>")]
    [InlineData("<add sel=\"doc/foo[0]\"/>")]
    [InlineData("<add sel=\"doc/text()/foo\"/>")]
    [InlineData("<add sel=\"doc/foo[last()]\"/>")]
    [InlineData("<add sel=\"doc/@a\">x</add>")]
    [InlineData("<add sel=\"doc\" pos=\"middle\"><x/></add>")]
    [InlineData("<add sel=\"doc\" type=\"attr\">x</add>")]
    [InlineData("<add sel=\"doc\" type=\"@a\">x</add>")]
    [InlineData("<add sel=\"doc\" type=\"@b\"><x/></add>")]
    [InlineData("<add sel=\"doc\" type=\"@xmlns\">urn:x</add>")]
    [InlineData("<remove sel=\"doc/foo[1]\" ws=\"around\"/>")]
    public void Bad_attribute_values_are_invalid_attribute_value(string directive) =>
        AssertFails(PatchErrorKind.InvalidAttributeValue, directive);

    [Theory]
    [InlineData("<add><x/></add>")]
    [InlineData("<remove sel=\"doc/foo[2]\">content</remove>")]
    public void Malformed_directives_are_invalid_diff_format(string directive) =>
        AssertFails(PatchErrorKind.InvalidDiffFormat, directive);

    [Theory]
    [InlineData("<add sel=\"doc/q:foo\"><x/></add>")]
    [InlineData("<add sel=\"doc\" type=\"@q:b\">x</add>")]
    [InlineData("<remove sel=\"doc/namespace::p\"/>")]
    [InlineData("<add sel=\"doc\" type=\"namespace::p\">urn:other</add>")]
    public void Unknown_prefixes_and_declarations_in_use_are_invalid_namespace_prefix(string directive) =>
        AssertFails(PatchErrorKind.InvalidNamespacePrefix, directive);

    [Theory]
    [InlineData("<add sel=\"doc\" type=\"namespace::n\"></add>")]
    [InlineData("<replace sel=\"doc/namespace::p\"> </replace>")]
    public void Empty_namespace_uris_are_invalid_namespace_uri(string directive) =>
        AssertFails(PatchErrorKind.InvalidNamespaceUri, directive);

    [Theory]
    [InlineData("<replace sel=\"doc/foo[1]\">text</replace>")]
    [InlineData("<replace sel=\"doc/foo[1]\"><a/><b/></replace>")]
    [InlineData("<replace sel=\"doc/foo[1]/text()\"><a/></replace>")]
    [InlineData("<replace sel=\"doc/@a\"><a/></replace>", PatchErrorKind.InvalidAttributeValue)]
    [InlineData("<add sel=\"doc/foo[1]/text()\"><a/></add>")]
    public void Content_of_the_wrong_kind_is_invalid_node_types(string directive, PatchErrorKind kind = PatchErrorKind.InvalidNodeTypes) =>
        AssertFails(kind, directive);

    [Fact]
    public void A_comment_replaced_by_an_element_is_invalid_node_types() =>
        Assert.Equal(
            PatchErrorKind.InvalidNodeTypes,
            Fails("<doc><!-- c --></doc>", "<diff><replace sel=\"doc/comment()\"><x/></replace></diff>").Kind);

    [Fact]
    public void An_unknown_directive_is_invalid_patch_directive() =>
        AssertFails(PatchErrorKind.InvalidPatchDirective, "<move sel=\"doc/foo[1]\"/>");

    [Theory]
    [InlineData("<remove sel=\"doc\"/>")]
    [InlineData("<add sel=\"doc\" pos=\"after\"><x/></add>")]
    [InlineData("<add sel=\"/doc\" pos=\"before\"><x/></add>")]
    public void Removing_the_root_or_giving_it_siblings_is_invalid_root_element_operation(string directive) =>
        AssertFails(PatchErrorKind.InvalidRootElementOperation, directive);

    [Theory]
    [InlineData("<remove sel=\"comment()\"/>")]
    [InlineData("<replace sel=\"processing-instruction('pi')\"><?pi x?></replace>")]
    [InlineData("<add sel=\"doc\" pos=\"before\"><!-- c --></add>")]
    public void Operations_outside_the_root_element_are_invalid_xml_prolog_operation(string directive) =>
        Assert.Equal(
            PatchErrorKind.InvalidXmlPrologOperation,
            Fails("<?pi data?><!-- prolog --><doc/>", $"<diff>{directive}</diff>").Kind);

    [Theory]
    [InlineData("<remove sel=\"doc/@a\" ws=\"after\"/>")]
    [InlineData("<remove sel=\"doc/foo[1]/text()\" ws=\"before\"/>")]
    [InlineData("<remove sel=\"doc/foo[2]\" ws=\"after\"/>")]
    [InlineData("<remove sel=\"doc/p:bar\" ws=\"before\"/>")]
    [InlineData("<remove sel=\"doc/foo[1]\" ws=\"both\"/>", false)]
    public void Whitespace_that_is_not_there_or_does_not_apply_is_invalid_whitespace_directive(string directive, bool fails = true)
    {
        if (fails)
        {
            AssertFails(PatchErrorKind.InvalidWhitespaceDirective, directive);
        }
        else
        {
            Assert.Equal("<doc a=\"1\" xmlns:p=\"urn:p\"><foo /><p:bar />\n</doc>", Write(Apply(Target, $"<diff xmlns:p=\"urn:p\">{directive}</diff>")));
        }
    }

    [Theory]
    [InlineData("<remove sel=\"doc/foo\"/>")]
    [InlineData("<remove sel=\"doc/bar\"/>")]
    [InlineData("<remove sel=\"doc/foo[3]\"/>")]
    [InlineData("<remove sel=\"doc/@b\"/>")]
    [InlineData("<remove sel=\"doc/foo[1]/namespace::p\"/>")]
    [InlineData("<remove sel=\"doc/comment()\"/>")]
    [InlineData("<remove sel=\"id('x')\"/>")]
    public void No_node_or_several_nodes_are_unlocated_node(string directive) =>
        AssertFails(PatchErrorKind.UnlocatedNode, directive);

    [Fact]
    public void A_failing_directive_leaves_the_target_unchanged_and_no_earlier_directive_applied()
    {
        var target = Parse(Target);
        var before = Write(target);
        var diff = Parse("<diff><replace sel=\"doc/@a\">2</replace><remove sel=\"doc/missing\"/></diff>");
        var error = Assert.Throws<XmlPatchException>(() => XmlPatch.Apply(target, diff.Root!));
        Assert.Equal(PatchErrorKind.UnlocatedNode, error.Kind);
        Assert.Equal(before, Write(target));
    }

    [Fact]
    public void The_error_names_the_failing_directive_with_its_namespaces()
    {
        var error = Fails(Target, "<d:diff xmlns:d=\"urn:ietf:params:xml:ns:pidf-diff\" xmlns:q=\"urn:q\"><d:remove sel=\"doc/q:x\"><!-- why --></d:remove></d:diff>");
        Assert.Equal(PatchErrorKind.InvalidDiffFormat, error.Kind);
        var operation = error.Operation!;
        Assert.Equal(XName.Get("remove", "urn:ietf:params:xml:ns:pidf-diff"), operation.Name);
        Assert.Equal("doc/q:x", (string?)operation.Attribute("sel"));
        Assert.Equal("urn:q", operation.GetNamespaceOfPrefix("q")?.NamespaceName);
        Assert.Empty(operation.Nodes());
    }

    [Fact]
    public void The_error_document_is_a_patch_ops_error_with_the_error_element_its_phrase_and_the_directive()
    {
        var error = Fails(Target, "<diff><add sel=\"doc/nothing\"><x/></add></diff>");
        var document = XDocument.Parse(PatchXml.Utf8(PatchErrorDocument.Write(error)));
        XNamespace ns = "urn:ietf:params:xml:ns:patch-ops-error";
        Assert.Equal(ns + "patch-ops-error", document.Root!.Name);
        var element = Assert.Single(document.Root.Elements());
        Assert.Equal(ns + "unlocated-node", element.Name);
        Assert.False(string.IsNullOrEmpty((string?)element.Attribute("phrase")));
        Assert.Equal("doc/nothing", (string?)Assert.Single(element.Elements()).Attribute("sel"));
    }

    [Theory]
    [InlineData(PatchErrorKind.InvalidAttributeValue, "invalid-attribute-value")]
    [InlineData(PatchErrorKind.InvalidCharacterSet, "invalid-character-set")]
    [InlineData(PatchErrorKind.InvalidDiffFormat, "invalid-diff-format")]
    [InlineData(PatchErrorKind.InvalidEntityDeclaration, "invalid-entity-declaration")]
    [InlineData(PatchErrorKind.InvalidNamespacePrefix, "invalid-namespace-prefix")]
    [InlineData(PatchErrorKind.InvalidNamespaceUri, "invalid-namespace-uri")]
    [InlineData(PatchErrorKind.InvalidNodeTypes, "invalid-node-types")]
    [InlineData(PatchErrorKind.InvalidPatchDirective, "invalid-patch-directive")]
    [InlineData(PatchErrorKind.InvalidRootElementOperation, "invalid-root-element-operation")]
    [InlineData(PatchErrorKind.InvalidXmlPrologOperation, "invalid-xml-prolog-operation")]
    [InlineData(PatchErrorKind.InvalidWhitespaceDirective, "invalid-whitespace-directive")]
    [InlineData(PatchErrorKind.UnlocatedNode, "unlocated-node")]
    [InlineData(PatchErrorKind.UnsupportedIdFunction, "unsupported-id-function")]
    [InlineData(PatchErrorKind.UnsupportedXmlId, "unsupported-xml-id")]
    public void Every_error_of_RFC_5261_section_5_1_has_its_element(PatchErrorKind kind, string name)
    {
        Assert.Equal(name, PatchErrorDocument.ElementName(kind));
        Assert.True(PatchErrorDocument.TryParseElementName(name, out var parsed));
        Assert.Equal(kind, parsed);
        var document = PatchErrorDocument.Create(kind, "why");
        Assert.Equal(PatchErrorDocument.Namespace + name, document.Root!.Elements().Single().Name);
    }

    [Fact]
    public void There_are_fourteen_errors_and_no_others()
    {
        Assert.Equal(14, Enum.GetValues<PatchErrorKind>().Length);
        Assert.False(PatchErrorDocument.TryParseElementName("unsupported-xpath", out _));
    }

    private static void AssertFails(PatchErrorKind kind, string directive)
    {
        var error = Fails(Target, $"<diff xmlns:p=\"urn:p\">{directive}</diff>");
        Assert.Equal(kind, error.Kind);
        Assert.NotNull(error.Operation);
    }
}
