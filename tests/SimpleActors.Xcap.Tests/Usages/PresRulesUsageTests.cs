using SimpleActors.Xcap.Errors;
using SimpleActors.Xcap.Usages;
using static SimpleActors.Xcap.Tests.Usages.UsageAssert;

namespace SimpleActors.Xcap.Tests.Usages;

public class PresRulesUsageTests
{
    public static TheoryData<string> Auids => ["pres-rules", "org.openmobilealliance.pres-rules"];

    private static IApplicationUsage Usage(string auid) => ApplicationUsages.Find(auid)!;

    private static string Rules(string rules) => $"""
        <cp:ruleset xmlns:cp="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules"
            xmlns:ocp="urn:oma:xml:xdm:common-policy">{rules}</cp:ruleset>
        """;

    [Theory]
    [MemberData(nameof(Auids))]
    public void The_RFC_5025_example_document_is_valid(string auid) => Valid(Usage(auid), RfcExamples.PresRules);

    [Theory]
    [MemberData(nameof(Auids))]
    public void Common_policy_documents_in_the_style_of_RFC_4745_are_valid(string auid)
    {
        Valid(Usage(auid), RfcExamples.CommonPolicySimple);
        Valid(Usage(auid), RfcExamples.CommonPolicyComplex);
    }

    [Fact]
    public void An_empty_ruleset_is_valid() => Valid(PresRulesUsage.Ietf, Rules(""));

    [Fact]
    public void OMA_conditions_and_unknown_actions_are_accepted_laxly() =>
        Valid(PresRulesUsage.Oma, Rules("""
            <cp:rule id="wp_prs_allow_own">
              <cp:conditions><ocp:external-list><ocp:entry anc="http://x/resource-lists/users/sip:a@b/index/~~/resource-lists/list%5B@name=%22oma_buddylist%22%5D"/></ocp:external-list></cp:conditions>
              <cp:actions><pr:sub-handling>allow</pr:sub-handling><x:vendor xmlns:x="urn:example:x">1</x:vendor></cp:actions>
            </cp:rule>
            """));

    [Fact]
    public void An_unknown_sub_handling_value_is_a_schema_error()
    {
        var error = Fails(PresRulesUsage.Ietf, Rules("""<cp:rule id="a"><cp:actions><pr:sub-handling>maybe</pr:sub-handling></cp:actions></cp:rule>"""), XcapErrorKind.SchemaValidationError);
        Assert.Contains("sub-handling", error.Phrase, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_without_id_is_a_schema_error() =>
        Fails(PresRulesUsage.Ietf, Rules("<cp:rule/>"), XcapErrorKind.SchemaValidationError);

    [Fact]
    public void A_validity_with_from_and_no_until_is_a_schema_error() =>
        Fails(PresRulesUsage.Ietf, Rules("""<cp:rule id="a"><cp:conditions><cp:validity><cp:from>2003-12-24T17:00:00+01:00</cp:from></cp:validity></cp:conditions></cp:rule>"""), XcapErrorKind.SchemaValidationError);

    [Fact]
    public void A_ruleset_in_the_pres_rules_namespace_is_a_schema_error() =>
        Fails(PresRulesUsage.Ietf, """<ruleset xmlns="urn:ietf:params:xml:ns:pres-rules"/>""", XcapErrorKind.SchemaValidationError);

    [Theory]
    [MemberData(nameof(Auids))]
    public void Two_rules_with_one_id_fail_uniqueness_not_the_schema(string auid)
    {
        var field = NotUnique(Usage(auid), Rules("""<cp:rule id="a"/><cp:rule id="b"/><cp:rule id="a"/>"""));
        Assert.Equal(auid == "pres-rules" ? "cp:ruleset/cp:rule[3]/@id" : "ruleset/rule[3]/@id", field.Field);
        Assert.Equal(["a-2"], field.AlternativeValues);
    }

    [Fact]
    public void The_schema_alone_rejects_a_repeated_rule_id() =>
        Assert.NotNull(XcapSchemas.PresRules.FirstError(System.Xml.Linq.XDocument.Parse(Rules("""<cp:rule id="a"/><cp:rule id="a"/>"""))));

    [Fact]
    public void A_repeated_id_with_another_schema_error_is_a_schema_error() =>
        Fails(PresRulesUsage.Ietf, Rules("""<cp:rule id="a"/><cp:rule id="a"><cp:actions><pr:sub-handling>maybe</pr:sub-handling></cp:actions></cp:rule>"""), XcapErrorKind.SchemaValidationError);

    [Fact]
    public void An_id_that_is_not_an_NCName_is_a_schema_error() =>
        Fails(PresRulesUsage.Ietf, Rules("""<cp:rule id="1a"/>"""), XcapErrorKind.SchemaValidationError);

    [Fact]
    public void The_IETF_usage_expands_unprefixed_names_in_the_pres_rules_namespace_as_RFC_5025_section_9_3_says()
    {
        Assert.Equal("pres-rules", PresRulesUsage.Ietf.Auid);
        Assert.Equal("urn:ietf:params:xml:ns:pres-rules", PresRulesUsage.Ietf.DefaultNamespace);
        Assert.Equal("index", PresRulesUsage.Ietf.DefaultDocumentName);
    }

    [Fact]
    public void The_OMA_usage_expands_unprefixed_names_in_the_common_policy_namespace()
    {
        Assert.Equal("org.openmobilealliance.pres-rules", PresRulesUsage.Oma.Auid);
        Assert.Equal("urn:ietf:params:xml:ns:common-policy", PresRulesUsage.Oma.DefaultNamespace);
        Assert.Equal("pres-rules", PresRulesUsage.Oma.DefaultDocumentName);
    }

    [Theory]
    [MemberData(nameof(Auids))]
    public void Both_usages_are_auth_policy_documents_in_users_trees(string auid)
    {
        var usage = Usage(auid);
        Assert.Equal("application/auth-policy+xml", usage.MimeType);
        Assert.True(usage.AllowsUserTree);
        Assert.Equal(GlobalAccess.None, usage.GlobalTree);
        Assert.Contains(XcapNamespaces.CommonPolicy, usage.Namespaces);
        Assert.Contains(XcapNamespaces.PresRules, usage.Namespaces);
    }
}
