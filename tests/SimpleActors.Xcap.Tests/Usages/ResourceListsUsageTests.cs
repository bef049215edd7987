using SimpleActors.Xcap.Errors;
using SimpleActors.Xcap.Usages;
using static SimpleActors.Xcap.Tests.Usages.UsageAssert;

namespace SimpleActors.Xcap.Tests.Usages;

public class ResourceListsUsageTests
{
    private static readonly ResourceListsUsage Usage = ResourceListsUsage.Instance;

    private static string Doc(string lists) => $"""
        <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists" xmlns:x="urn:example:ext">{lists}</resource-lists>
        """;

    private const string Anchor = "http://xcap.example.org/resource-lists/users/sip:a@example.org/index/~~/resource-lists/list%5b@name=%22mkting%22%5d";
    private const string Ref = "resource-lists/users/sip:bill@example.com/index/~~/resource-lists/list%5b@name=%22list1%22%5d/entry%5b@uri=%22sip:petri@example.com%22%5d";

    [Fact]
    public void The_RFC_4826_example_document_is_valid() => Valid(Usage, RfcExamples.ResourceLists);

    [Fact]
    public void An_empty_document_is_valid() => Valid(Usage, Doc(""));

    [Fact]
    public void Unknown_elements_and_attributes_of_other_namespaces_are_accepted() =>
        Valid(Usage, Doc("""<list name="a" x:colour="red"><entry uri="sip:b@example.com"><x:note>n</x:note></entry><x:thing/></list>"""));

    [Fact]
    public void An_entry_without_uri_is_a_schema_error()
    {
        var error = Fails(Usage, Doc("""<list><entry/></list>"""), XcapErrorKind.SchemaValidationError);
        Assert.Contains("uri", error.Phrase, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_element_of_the_resource_lists_namespace_is_a_schema_error() =>
        Fails(Usage, Doc("""<list><buddy/></list>"""), XcapErrorKind.SchemaValidationError);

    [Fact]
    public void Another_root_element_is_a_schema_error() =>
        Fails(Usage, """<rls-services xmlns="urn:ietf:params:xml:ns:rls-services"/>""", XcapErrorKind.SchemaValidationError);

    [Fact]
    public void An_element_of_an_unknown_namespace_as_root_is_a_schema_error() =>
        Fails(Usage, """<resource-lists xmlns="urn:example:other"/>""", XcapErrorKind.SchemaValidationError);

    [Fact]
    public void Two_sibling_lists_with_one_name_fail_uniqueness_with_an_alternative_name()
    {
        var field = NotUnique(Usage, Doc("""<list name="friends"/><list name="family"/><list name="friends"/>"""));
        Assert.Equal("resource-lists/list[3]/@name", field.Field);
        Assert.Equal(["friends-2"], field.AlternativeValues);
    }

    [Fact]
    public void The_alternative_name_is_free_among_the_siblings()
    {
        var field = NotUnique(Usage, Doc("""<list name="friends"/><list name="friends-2"/><list name="friends"/>"""));
        Assert.Equal(["friends-3"], field.AlternativeValues);
    }

    [Fact]
    public void Lists_with_one_name_under_different_parents_are_allowed() =>
        Valid(Usage, Doc("""<list name="a"><list name="x"/></list><list name="b"><list name="x"/></list>"""));

    [Fact]
    public void Nested_sibling_lists_with_one_name_fail_uniqueness()
    {
        var field = NotUnique(Usage, Doc("""<list name="a"><list name="x"/><list name="x"/></list>"""));
        Assert.Equal("resource-lists/list/list[2]/@name", field.Field);
    }

    [Fact]
    public void Entries_whose_SIP_URIs_are_equal_by_RFC_3261_fail_uniqueness_with_an_alternative_uri()
    {
        var field = NotUnique(Usage, Doc("""<list name="a"><entry uri="sip:bill@example.com;transport=tcp"/><entry uri="sip:bill@EXAMPLE.com;Transport=TCP"/></list>"""));
        Assert.Equal("resource-lists/list/entry[2]/@uri", field.Field);
        Assert.Equal(["sip:bill-2@EXAMPLE.com;Transport=TCP"], field.AlternativeValues);
    }

    [Fact]
    public void Entries_whose_user_parts_differ_in_case_are_different() =>
        Valid(Usage, Doc("""<list name="a"><entry uri="sip:bill@example.com"/><entry uri="sip:Bill@example.com"/></list>"""));

    [Fact]
    public void Entry_refs_with_one_ref_fail_uniqueness_without_an_alternative()
    {
        var escapedOtherwise = Ref.Replace("%5b", "%5B", StringComparison.Ordinal);
        var field = NotUnique(Usage, Doc($"""<list name="a"><entry-ref ref="{Ref}"/><entry-ref ref="{escapedOtherwise}"/></list>"""));
        Assert.Equal("resource-lists/list/entry-ref[2]/@ref", field.Field);
        Assert.Empty(field.AlternativeValues);
    }

    [Fact]
    public void Externals_with_one_anchor_fail_uniqueness()
    {
        var field = NotUnique(Usage, Doc($"""<list name="a"><external anchor="{Anchor}"/><external anchor="{Anchor.Replace("xcap.example.org", "XCAP.example.org", StringComparison.Ordinal)}"/></list>"""));
        Assert.Equal("resource-lists/list/external[2]/@anchor", field.Field);
    }

    [Fact]
    public void Every_clash_is_reported()
    {
        var error = Fails(Usage, Doc("""<list name="a"/><list name="a"><entry uri="sip:x@example.com"/><entry uri="sip:x@example.com"/></list>"""), XcapErrorKind.UniquenessFailure);
        Assert.Equal(["resource-lists/list[2]/@name", "resource-lists/list[2]/entry[2]/@uri"], error.Fields.Select(f => f.Field));
    }

    [Fact]
    public void A_schema_error_is_reported_before_a_clash() =>
        Fails(Usage, Doc("""<list name="a"/><list name="a"><entry/></list>"""), XcapErrorKind.SchemaValidationError);

    [Theory]
    [InlineData("/resource-lists/users/sip:bill@example.com/index/~~/resource-lists/list/entry")]
    [InlineData("http://xcap.example.com/resource-lists/users/sip:bill@example.com/index/~~/resource-lists/list/entry")]
    [InlineData("rls-services/users/sip:bill@example.com/index/~~/rls-services/service/list/entry")]
    [InlineData("resource-lists/users/sip:bill@example.com/index/~~/resource-lists/list%5b@name=%22a%22%5d")]
    [InlineData("resource-lists/users/sip:bill@example.com/index")]
    [InlineData("resource-lists/users/sip:bill@example.com/index/~~/resource-lists/list/entry/@uri")]
    public void An_entry_ref_that_is_not_a_relative_path_to_an_entry_fails_the_constraint(string reference)
    {
        var error = Fails(Usage, Doc($"""<list name="a"><entry-ref ref="{reference}"/></list>"""), XcapErrorKind.ConstraintFailure);
        Assert.Contains("entry-ref", error.Phrase, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_ref_with_a_prefixed_entry_step_is_accepted() =>
        Valid(Usage, Doc("""<list name="a"><entry-ref ref="resource-lists/users/sip:bill@example.com/index/~~/rl:resource-lists/rl:list%5b@name=%22a/b%22%5d/rl:entry%5b1%5d"/></list>"""));

    [Theory]
    [InlineData("ftp://xcap.example.org/resource-lists/users/sip:a@example.org/index/~~/resource-lists/list")]
    [InlineData("resource-lists/users/sip:a@example.org/index/~~/resource-lists/list")]
    [InlineData("sip:list@example.org")]
    [InlineData("http://xcap.example.org/resource-lists/users/sip:a@example.org/index/~~/resource-lists/list/entry")]
    [InlineData("http://xcap.example.org/pres-rules/users/sip:a@example.org/index/~~/cp:ruleset/list")]
    [InlineData("http://xcap.example.org/resource-lists/users/sip:a@example.org/index")]
    public void An_external_anchor_that_is_not_an_absolute_http_uri_of_a_list_fails_the_constraint(string anchor)
    {
        var error = Fails(Usage, Doc($"""<list name="a"><external anchor="{anchor}"/></list>"""), XcapErrorKind.ConstraintFailure);
        Assert.Contains("external anchor", error.Phrase, StringComparison.Ordinal);
    }

    [Fact]
    public void An_external_without_anchor_fails_the_constraint() =>
        Fails(Usage, Doc("""<list name="a"><external/></list>"""), XcapErrorKind.ConstraintFailure);

    [Fact]
    public void An_https_anchor_is_accepted() =>
        Valid(Usage, Doc($"""<list name="a"><external anchor="{Anchor.Replace("http:", "https:", StringComparison.Ordinal)}"/></list>"""));

    [Fact]
    public void The_usage_describes_itself_as_RFC_4826_section_3_4_says()
    {
        Assert.Equal("resource-lists", Usage.Auid);
        Assert.Equal("application/resource-lists+xml", Usage.MimeType);
        Assert.Equal("urn:ietf:params:xml:ns:resource-lists", Usage.DefaultNamespace);
        Assert.Equal("index", Usage.DefaultDocumentName);
        Assert.True(Usage.AllowsUserTree);
        Assert.Equal(GlobalAccess.None, Usage.GlobalTree);
        Assert.False(Usage.ServerWritten);
    }
}
