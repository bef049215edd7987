using System.Xml.Linq;
using SimpleActors.Presence.Rules;
using static SimpleActors.Presence.Tests.Rules.RulesSamples;

namespace SimpleActors.Presence.Tests.Rules;

/// <summary>
/// RFC 4745 section 10: the permissions of all matching rules combine, booleans by OR, ordered values
/// by maximum, sets by union; a permission no matching rule has stays absent. The rules below follow
/// the section's example in shape (rules for Bob, for Alice, and for a sphere, evaluated for several
/// requests); the values are ours.
/// </summary>
public class CombiningTests
{
    private static readonly PresenceRules Rules = ParseRules(
        Rule("1", """<cp:identity><cp:one id="sip:bob@example.com"/></cp:identity>""", "allow",
            "<pr:provide-mood>true</pr:provide-mood><pr:provide-user-input>bare</pr:provide-user-input><pr:provide-services><pr:occurrence-id>a</pr:occurrence-id></pr:provide-services>"),
        Rule("2", """<cp:identity><cp:one id="sip:alice@example.com"/></cp:identity>""", "block",
            "<pr:provide-mood>false</pr:provide-mood><pr:provide-user-input>full</pr:provide-user-input>"),
        Rule("3", """<cp:sphere value="work"/>""", "confirm",
            "<pr:provide-note>true</pr:provide-note><pr:provide-user-input>thresholds</pr:provide-user-input><pr:provide-services><pr:occurrence-id>b</pr:occurrence-id></pr:provide-services>"),
        Rule("4", """<cp:identity><cp:one id="sip:bob@example.com"/></cp:identity><cp:sphere value="home"/>""", "polite-block",
            """<pr:provide-unknown-attribute ns="urn:example:x" name="y">true</pr:provide-unknown-attribute>"""));

    [Fact]
    public void Bob_at_work_gets_rules_1_and_3_combined()
    {
        var p = Rules.Evaluate("sip:bob@example.com", "work", Now);

        Assert.Equal(SubHandling.Allow, p.SubHandling); // max(allow 30, confirm 10)
        Assert.Equal(ProvidedAttributes.Mood | ProvidedAttributes.Note, p.Attributes); // OR
        Assert.Equal(UserInputDisclosure.Thresholds, p.UserInput); // max(bare, thresholds)
        Assert.Equal(["a", "b"], p.Services.Selectors.Select(s => s.Value)); // union
        Assert.Empty(p.UnknownAttributes);
    }

    [Fact]
    public void Bob_at_home_gets_rules_1_and_4_and_allow_outranks_polite_block()
    {
        var p = Rules.Evaluate("sip:bob@example.com", "home", Now);

        Assert.Equal(SubHandling.Allow, p.SubHandling);
        Assert.Equal(ProvidedAttributes.Mood, p.Attributes);
        Assert.Equal([XName.Get("y", "urn:example:x")], p.UnknownAttributes);
    }

    [Fact]
    public void Alice_at_work_gets_rules_2_and_3_and_confirm_outranks_block_while_false_grants_nothing()
    {
        var p = Rules.Evaluate("sip:alice@example.com", "work", Now);

        Assert.Equal(SubHandling.Confirm, p.SubHandling);
        Assert.Equal(ProvidedAttributes.Note, p.Attributes);
        Assert.Equal(UserInputDisclosure.Full, p.UserInput);
    }

    [Fact]
    public void Alice_at_home_gets_rule_2_alone()
    {
        var p = Rules.Evaluate("sip:alice@example.com", "home", Now);

        Assert.Equal(SubHandling.Block, p.SubHandling);
        Assert.Equal(ProvidedAttributes.None, p.Attributes);
        Assert.True(p.Services.IsNone);
    }

    [Fact]
    public void A_stranger_without_a_sphere_matches_nothing_and_gets_no_sub_handling()
    {
        Assert.Equal(PresencePermissions.None, Rules.Evaluate("sip:carol@example.com", null, Now));
    }

    [Fact]
    public void Sub_handling_ranks_block_confirm_polite_block_allow()
    {
        Assert.Equal([SubHandling.Block, SubHandling.Confirm, SubHandling.PoliteBlock, SubHandling.Allow], Enum.GetValues<SubHandling>().OrderBy(v => (int)v));
        Assert.Equal([0, 10, 20, 30], Enum.GetValues<SubHandling>().Select(v => (int)v).Order());

        foreach (var (low, high) in new[] { ("block", "confirm"), ("confirm", "polite-block"), ("polite-block", "allow"), ("block", "allow") })
        {
            var rules = ParseRules(Rule("low", null, low), Rule("high", null, high));
            Assert.Equal(rules.Evaluate(null, null, Now).SubHandling, ParseRules(Rule("high", null, high)).Evaluate(null, null, Now).SubHandling);
        }
    }

    [Fact]
    public void A_matching_rule_without_sub_handling_adds_its_transformations_but_no_sub_handling()
    {
        var rules = ParseRules(Rule("t", null, null, "<pr:provide-sphere>true</pr:provide-sphere>"));

        var p = rules.Evaluate("sip:a@example.com", null, Now);

        Assert.Null(p.SubHandling);
        Assert.Equal(ProvidedAttributes.Sphere, p.Attributes);
    }

    [Fact]
    public void All_selections_absorb_selectors_and_all_attributes_absorb_the_rest_so_equal_filters_are_equal_values()
    {
        var narrow = new PresencePermissions { Services = new ComponentSelection(false, [new(ComponentSelectorKind.OccurrenceId, "a")]), UserInput = UserInputDisclosure.Bare, UnknownAttributes = [XName.Get("y", "urn:example:x")] };
        var wide = new PresencePermissions { Services = ComponentSelection.Everything, AllAttributes = true };

        var combined = narrow.CombineWith(wide);

        Assert.Equal(wide, combined);
        Assert.Equal(wide.GetHashCode(), combined.GetHashCode());
        Assert.Equal(wide, wide.CombineWith(narrow));
        Assert.True(combined.Services.All);
        Assert.Equal(ProvidedAttributes.All, combined.Attributes);
        Assert.Equal(UserInputDisclosure.Full, combined.UserInput);
    }

    [Fact]
    public void Permissions_of_different_watchers_with_the_same_grants_are_equal_and_hash_alike()
    {
        var rules = ParseRules(
            Rule("friends", """<cp:identity><cp:one id="sip:a@example.com"/><cp:one id="sip:b@example.com"/></cp:identity>""", "allow",
                "<pr:provide-services><pr:service-uri-scheme>SIP</pr:service-uri-scheme><pr:occurrence-id>x</pr:occurrence-id></pr:provide-services><pr:provide-mood>true</pr:provide-mood>"),
            Rule("b-too", """<cp:identity><cp:one id="sip:b@example.com"/></cp:identity>""", "allow",
                "<pr:provide-services><pr:occurrence-id>x</pr:occurrence-id></pr:provide-services>"));

        var a = rules.Evaluate("sip:a@example.com", null, Now);
        var b = rules.Evaluate("sip:b@example.com", null, Now);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Single(new HashSet<PresencePermissions> { a, b });
        Assert.NotEqual(a, rules.Evaluate("sip:c@example.com", null, Now));
    }
}
