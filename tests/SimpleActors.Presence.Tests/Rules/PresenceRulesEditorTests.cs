using System.Xml.Linq;
using SimpleActors.Presence.Rules;
using static SimpleActors.Presence.Tests.Rules.RulesSamples;

namespace SimpleActors.Presence.Tests.Rules;

public class PresenceRulesEditorTests
{
    private static PresenceRules Read(XDocument document) => PresenceRules.Parse(Text.Utf8(document.ToString()));

    [Fact]
    public void Allow_on_no_document_makes_a_ruleset_that_gives_the_watcher_everything()
    {
        var document = PresenceRulesEditor.SetDecision(null, "sip:bob@example.com", SubHandling.Allow);

        var rules = Read(document);
        Assert.Equal([PresenceRulesEditor.RuleIdFor("sip:bob@example.com")], rules.RuleIds);
        Assert.StartsWith("sa-watcher-", rules.RuleIds[0], StringComparison.Ordinal);
        Assert.Equal(PresencePermissions.Everything, rules.Evaluate("sip:bob@example.com", null, Now));
        Assert.Equal(PresencePermissions.None, rules.Evaluate("sip:carol@example.com", null, Now));
        Assert.Equal("cp", document.Root!.GetPrefixOfNamespace(PresenceRules.CommonPolicyNamespace));
    }

    [Theory]
    [InlineData(SubHandling.Block)]
    [InlineData(SubHandling.Confirm)]
    [InlineData(SubHandling.PoliteBlock)]
    public void Other_decisions_provide_nothing(SubHandling decision)
    {
        var rules = Read(PresenceRulesEditor.SetDecision(null, "sip:bob@example.com", decision));

        Assert.Equal(PresencePermissions.None with { SubHandling = decision }, rules.Evaluate("sip:bob@example.com", null, Now));
    }

    [Fact]
    public void Setting_again_replaces_the_watcher_rule_in_place_and_keeps_other_rules_untouched()
    {
        var current = XDocument.Parse(Rfc5025Example);
        var original = current.ToString();

        var allowed = PresenceRulesEditor.SetDecision(current, "sip:bob@example.com", SubHandling.Allow);
        var withCarol = PresenceRulesEditor.SetDecision(allowed, "sip:carol@example.com", SubHandling.Confirm);
        var blocked = PresenceRulesEditor.SetDecision(withCarol, "SIP:bob@EXAMPLE.COM", SubHandling.Block);

        Assert.Equal(original, current.ToString()); // the input is not changed
        var rules = Read(blocked);
        Assert.Equal(["a", PresenceRulesEditor.RuleIdFor("sip:bob@example.com"), PresenceRulesEditor.RuleIdFor("sip:carol@example.com")], rules.RuleIds);
        Assert.Equal(SubHandling.Block, rules.Evaluate("sip:bob@example.com", null, Now).SubHandling);
        Assert.Equal(SubHandling.Confirm, rules.Evaluate("sip:carol@example.com", null, Now).SubHandling);
        Assert.Equal(Parse(Rfc5025Example).Evaluate("sip:user@example.com", null, Now), rules.Evaluate("sip:user@example.com", null, Now));
        Assert.True(XNode.DeepEquals(XDocument.Parse(Rfc5025Example).Root!.Elements().First(), blocked.Root!.Elements().First()));
        Assert.Equal(SubHandling.Block, PresenceRulesEditor.GetDecision(blocked, "sip:bob@example.com"));
        Assert.Null(PresenceRulesEditor.GetDecision(blocked, "sip:user@example.com"));
    }

    [Fact]
    public void Remove_decision_takes_out_the_watcher_rule_alone()
    {
        var document = PresenceRulesEditor.SetDecision(XDocument.Parse(Rfc5025Example), "sip:bob@example.com", SubHandling.Allow);

        var removed = PresenceRulesEditor.RemoveDecision(document, "sip:bob@example.com");

        Assert.Equal(["a"], Read(removed).RuleIds);
        Assert.Null(PresenceRulesEditor.GetDecision(removed, "sip:bob@example.com"));
        Assert.Equal(["a"], Read(PresenceRulesEditor.RemoveDecision(removed, "sip:bob@example.com")).RuleIds);
        Assert.Empty(Read(PresenceRulesEditor.RemoveDecision(null, "sip:bob@example.com")).RuleIds);
    }

    [Fact]
    public void The_rule_id_is_stable_and_differs_between_watchers()
    {
        Assert.Equal(PresenceRulesEditor.RuleIdFor("sip:bob@example.com"), PresenceRulesEditor.RuleIdFor("sips:bob@Example.com"));
        Assert.NotEqual(PresenceRulesEditor.RuleIdFor("sip:bob@example.com"), PresenceRulesEditor.RuleIdFor("sip:Bob@example.com"));
        Assert.Matches("^sa-watcher-[0-9a-f]{16}$", PresenceRulesEditor.RuleIdFor("sip:bob@example.com"));
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PresenceRulesEditor.SetDecision(null, "bob", SubHandling.Allow));
        Assert.Throws<ArgumentException>(() => PresenceRulesEditor.SetDecision(null, "sip:bob@example.com", (SubHandling)5));
        Assert.Throws<ArgumentException>(() => PresenceRulesEditor.SetDecision(XDocument.Parse("<other/>"), "sip:bob@example.com", SubHandling.Allow));
    }
}
