using System.Xml.Linq;
using SimpleActors.Presence.Rules;
using static SimpleActors.Presence.Tests.Rules.RulesSamples;

namespace SimpleActors.Presence.Tests.Rules;

public class PresenceRulesParseTests
{
    private static readonly XName Foo = XName.Get("foo", "urn:vendor-specific:foo-namespace");

    [Fact]
    public void Rfc5025_example_gives_its_watcher_allow_sip_and_mailto_services_all_persons_activities_bare_user_input_and_foo()
    {
        var rules = Parse(Rfc5025Example);

        var permissions = rules.Evaluate("sip:user@example.com", null, Now);

        Assert.Equal(["a"], rules.RuleIds);
        Assert.Equal(SubHandling.Allow, permissions.SubHandling);
        Assert.Equal(
            [new ComponentSelector(ComponentSelectorKind.ServiceUriScheme, "mailto"), new ComponentSelector(ComponentSelectorKind.ServiceUriScheme, "sip")],
            permissions.Services.Selectors);
        Assert.False(permissions.Services.All);
        Assert.Equal(ComponentSelection.Everything, permissions.Persons);
        Assert.Equal(ComponentSelection.None, permissions.Devices);
        Assert.Equal(ProvidedAttributes.Activities, permissions.Attributes);
        Assert.Equal(UserInputDisclosure.Bare, permissions.UserInput);
        Assert.Equal([Foo], permissions.UnknownAttributes);
        Assert.False(permissions.AllAttributes);
    }

    [Fact]
    public void Rfc5025_example_gives_any_other_watcher_nothing_and_no_sub_handling()
    {
        var permissions = Parse(Rfc5025Example).Evaluate("sip:other@example.com", null, Now);

        Assert.Equal(PresencePermissions.None, permissions);
        Assert.Null(permissions.SubHandling);
        Assert.Equal(SubHandling.Confirm, PresencePermissions.DefaultSubHandling);
    }

    [Fact]
    public void Rfc5025_example_applied_to_a_document_keeps_sip_and_mailto_tuples_persons_activities_and_foo()
    {
        var permissions = Parse(Rfc5025Example).Evaluate("sip:user@example.com", null, Now);

        var filtered = PresenceFilter.Apply(Document(), permissions);

        Assert.Equal(["sip-tuple", "mail-tuple"], filtered.Tuples.Select(t => t.Id));
        Assert.Equal(["p1", "p2"], filtered.Persons.Select(p => p.Id));
        Assert.Empty(filtered.Devices);
        var person = filtered.Persons[0];
        Assert.Equal(["meeting"], person.Activities);
        Assert.Equal([XName.Get("user-input", Pidf.RpidNamespace), Foo], person.Extensions.Select(e => e.Name));
        Assert.Null(person.Extensions[0].Attribute("idle-threshold"));
        Assert.Equal("active", person.Extensions[0].Value);
        Assert.Empty(person.Notes);
        Assert.Empty(filtered.Notes);
    }

    [Fact]
    public void Documents_combine_into_one_ruleset_with_the_rules_of_both()
    {
        var ietf = ParseRules(Rule("a", """<cp:identity><cp:one id="sip:bob@example.com"/></cp:identity>""", "confirm"));
        var oma = ParseRules(Rule("a", """<cp:identity><cp:one id="sip:bob@example.com"/></cp:identity>""", "allow", "<pr:provide-note>true</pr:provide-note>"));

        var rules = PresenceRules.Combine([ietf, oma]);
        var permissions = rules.Evaluate("sip:bob@example.com", null, Now);

        Assert.Equal(["a", "a"], rules.RuleIds);
        Assert.Equal(SubHandling.Allow, permissions.SubHandling);
        Assert.Equal(ProvidedAttributes.Note, permissions.Attributes);
    }

    [Fact]
    public void A_loaded_element_tree_is_read_as_the_bytes_are()
    {
        var fromElement = PresenceRules.FromElement(XElement.Parse(Rfc5025Example));

        Assert.Equal(
            Parse(Rfc5025Example).Evaluate("sip:user@example.com", null, Now),
            fromElement.Evaluate("sip:user@example.com", null, Now));
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "x">]><cp:ruleset xmlns:cp="urn:ietf:params:xml:ns:common-policy"/>""", "pres-rules: DTD not allowed")]
    [InlineData("""<ruleset xmlns="urn:example:other"/>""", "pres-rules: root is not a common-policy ruleset")]
    [InlineData("""<cp:ruleset xmlns:cp="urn:ietf:params:xml:ns:common-policy"><cp:rule/></cp:ruleset>""", "pres-rules: rule without id")]
    [InlineData("""<cp:ruleset xmlns:cp="urn:ietf:params:xml:ns:common-policy"><cp:rule id="x"/><cp:rule id="x"/></cp:ruleset>""", "pres-rules: duplicate rule id")]
    [InlineData("""<cp:ruleset xmlns:cp="urn:ietf:params:xml:ns:common-policy"><cp:rule id="x"><cp:conditions/><cp:conditions/></cp:rule></cp:ruleset>""", "pres-rules: rule with more than one conditions")]
    [InlineData("""<cp:ruleset xmlns:cp="urn:ietf:params:xml:ns:common-policy"><cp:rule id="x">""", "pres-rules: not well-formed XML")]
    public void Bad_documents_are_refused_with_a_reason(string xml, string reason)
    {
        var e = Assert.Throws<PresenceDocumentException>(() => Parse(xml));

        Assert.Equal(reason, e.Reason);
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused_before_it_is_read()
    {
        var e = Assert.Throws<PresenceDocumentException>(() => PresenceRules.Parse(Text.Utf8(Rfc5025Example), new PresenceLimits { MaxDocumentBytes = 100 }));

        Assert.Equal("pres-rules: document too large", e.Reason);
    }

    [Fact]
    public void Unknown_actions_and_transformations_and_values_grant_nothing()
    {
        var rules = ParseRules(Rule(
            "x",
            null,
            "allow-everything",
            """
            <pr:provide-mood>yes</pr:provide-mood>
            <pr:provide-user-input>most</pr:provide-user-input>
            <pr:provide-services><pr:deviceID>urn:uuid:x</pr:deviceID><pr:something/></pr:provide-services>
            <x:provide-secrets xmlns:x="urn:example:x">true</x:provide-secrets>
            <pr:provide-unknown-attribute ns="urn:example:x" name="y">false</pr:provide-unknown-attribute>
            """));

        Assert.Equal(PresencePermissions.None, rules.Evaluate("sip:a@example.com", null, Now));
    }

    [Fact]
    public void Xs_boolean_one_grants_as_true_does()
    {
        var rules = ParseRules(Rule("x", null, null, "<pr:provide-mood>1</pr:provide-mood><pr:provide-place-is> true </pr:provide-place-is>"));

        Assert.Equal(ProvidedAttributes.Mood | ProvidedAttributes.PlaceIs, rules.Evaluate(null, null, Now).Attributes);
    }
}
