using System.Text;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Subscription;
using SimpleActors.Presence.Rules;
using static SimpleActors.Engine.Tests.Entities.Samples;
using static SimpleActors.Engine.Tests.Xcap.XcapSamples;

namespace SimpleActors.Engine.Tests.Presence;

/// <summary>The owner's policy about watchers (RFC 5025 rules, the old admin decisions, the configured default), decided purely.</summary>
public sealed class PresencePolicyTests
{
    private const string Bob = "sip:bob@example.com";
    private const string Carol = "sip:carol@example.net";
    private const string Dave = "sip:dave@example.com";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    /// <summary>alice with one pres-rules document.</summary>
    private static PresentityState WithRules(string document, string auid = OwnerDocument.PresRules) => PresentityState.Empty(Aor) with
    {
        OwnerDocuments = PresentityState.NoOwnerDocuments.Add(
            auid == OwnerDocument.PresRules ? PresRules : $"{auid}/users/{Aor}/index", new OwnerDocument(auid, "r1", Encoding.UTF8.GetBytes(document))),
    };

    /// <summary>A rule for one identity with transformations and no sub-handling.</summary>
    private static string TransformationsOnly(string id, string watcher, string transformations) => $"""
        <cp:rule id="{id}">
          <cp:conditions><cp:identity><cp:one id="{watcher}"/></cp:identity></cp:conditions>
          <cp:actions/>
          <cp:transformations>{transformations}</cp:transformations>
        </cp:rule>
        """;

    [Fact]
    public void Without_rules_the_old_decision_about_a_watcher_stands_with_the_whole_document()
    {
        var state = PresentityState.Empty(Aor) with { Rules = PresentityState.Empty(Aor).Rules.SetItem(Bob, AuthorizationDecision.PoliteBlock) };

        var policy = PresencePolicy.Of(state);

        Assert.False(policy.HasRules);
        Assert.Equal((AuthorizationDecision.PoliteBlock, null), policy.Evaluate(Bob, null, Now));
    }

    [Fact]
    public void Without_rules_or_an_old_decision_there_is_no_decision_and_the_default_policy_stands()
    {
        var policy = PresencePolicy.Of(PresentityState.Empty(Aor), SubscriptionPolicy.Pending);

        Assert.Equal((null, null), policy.Evaluate(Carol, null, Now));
    }

    [Fact]
    public void A_document_that_is_not_rules_is_no_rule()
    {
        var state = PresentityState.Empty(Aor) with
        {
            OwnerDocuments = PresentityState.NoOwnerDocuments.Add(ResourceLists, new OwnerDocument("resource-lists", "l1", [])),
        };

        Assert.False(PresencePolicy.Of(state).HasRules);
    }

    [Theory]
    [InlineData("block")]
    [InlineData("confirm")]
    public void The_owner_sees_all_of_its_own_whatever_the_rules_say(string subHandling)
    {
        var policy = PresencePolicy.Of(WithRules(Ruleset(Rule("a", Aor, subHandling))), SubscriptionPolicy.Pending);

        Assert.Equal((AuthorizationDecision.Allow, null), policy.Evaluate(Aor, null, Now));
    }

    [Theory]
    [InlineData("allow", AuthorizationDecision.Allow)]
    [InlineData("confirm", AuthorizationDecision.Confirm)]
    [InlineData("polite-block", AuthorizationDecision.PoliteBlock)]
    [InlineData("block", AuthorizationDecision.Block)]
    public void A_matching_rules_sub_handling_decides_with_its_transformations(string subHandling, AuthorizationDecision decision)
    {
        var policy = PresencePolicy.Of(WithRules(Ruleset(Rule("a", Bob, subHandling, ComponentsOnly))), SubscriptionPolicy.AllowAll);

        var (evaluated, permissions) = policy.Evaluate(Bob, null, Now);

        Assert.True(policy.HasRules);
        Assert.Equal(decision, evaluated);
        Assert.NotNull(permissions);
        Assert.True(permissions.Services.All);
        Assert.True(permissions.Persons.All);
        Assert.False(permissions.Devices.All);
        Assert.False(permissions.AllAttributes);
    }

    [Fact]
    public void Rules_under_the_oma_auid_decide_too()
    {
        var policy = PresencePolicy.Of(WithRules(Ruleset(Rule("a", Bob, "block")), OwnerDocument.OmaPresRules));

        Assert.Equal(AuthorizationDecision.Block, policy.Evaluate(Bob, null, Now).Decision);
    }

    [Fact]
    public void A_watcher_no_rule_matches_in_the_owners_domain_is_allowed_the_whole_document_by_the_default_policy()
    {
        var policy = PresencePolicy.Of(WithRules(Ruleset(Rule("a", Bob, "block"))), SubscriptionPolicy.AllowOwnDomain);

        Assert.Equal((AuthorizationDecision.Allow, null), policy.Evaluate(Dave, null, Now));
    }

    [Fact]
    public void A_watcher_no_rule_matches_in_another_domain_waits_for_confirmation_by_the_default_policy()
    {
        var policy = PresencePolicy.Of(WithRules(Ruleset(Rule("a", Bob, "block"))), SubscriptionPolicy.AllowOwnDomain);

        Assert.Equal(AuthorizationDecision.Confirm, policy.Evaluate(Carol, null, Now).Decision);
    }

    [Fact]
    public void A_watcher_no_rule_matches_waits_for_confirmation_when_the_default_holds_everybody_pending()
    {
        var policy = PresencePolicy.Of(WithRules(Ruleset(Rule("a", Bob, "allow"))), SubscriptionPolicy.Pending);

        Assert.Equal(AuthorizationDecision.Confirm, policy.Evaluate(Dave, null, Now).Decision);
    }

    [Fact]
    public void A_rule_with_transformations_and_no_sub_handling_filters_what_the_default_policy_allows()
    {
        var policy = PresencePolicy.Of(WithRules(Ruleset(TransformationsOnly("t", Bob, ComponentsOnly))), SubscriptionPolicy.AllowOwnDomain);

        var (decision, permissions) = policy.Evaluate(Bob, null, Now);

        Assert.Equal(AuthorizationDecision.Allow, decision);
        Assert.NotNull(permissions);
        Assert.Null(permissions.SubHandling);
        Assert.True(permissions.Services.All);
        Assert.False(permissions.ProvidesEverything);
    }

    [Fact]
    public void A_rule_with_transformations_and_no_sub_handling_leaves_a_watcher_the_default_holds_pending_waiting()
    {
        var policy = PresencePolicy.Of(WithRules(Ruleset(TransformationsOnly("t", Carol, ComponentsOnly))), SubscriptionPolicy.AllowOwnDomain);

        var (decision, permissions) = policy.Evaluate(Carol, null, Now);

        Assert.Equal(AuthorizationDecision.Confirm, decision);
        Assert.True(permissions?.Services.All);
    }

    [Fact]
    public void A_rule_without_sub_handling_and_one_with_it_combine_the_sub_handling_of_the_one_and_the_transformations_of_both()
    {
        var policy = PresencePolicy.Of(
            WithRules(Ruleset(TransformationsOnly("t", Bob, "<pr:provide-devices><pr:all-devices/></pr:provide-devices>"), Rule("a", Bob, "polite-block", ComponentsOnly))),
            SubscriptionPolicy.AllowAll);

        var (decision, permissions) = policy.Evaluate(Bob, null, Now);

        Assert.Equal(AuthorizationDecision.PoliteBlock, decision);
        Assert.True(permissions is { Services.All: true, Persons.All: true, Devices.All: true });
    }

    [Fact]
    public void A_rules_document_that_does_not_parse_grants_nothing_and_the_default_decides()
    {
        var policy = PresencePolicy.Of(WithRules("<not-rules/>"), SubscriptionPolicy.Pending);

        Assert.True(policy.HasRules);
        Assert.Equal(AuthorizationDecision.Confirm, policy.Evaluate(Bob, null, Now).Decision);
    }

    [Theory]
    [InlineData(SubHandling.Allow, AuthorizationDecision.Allow)]
    [InlineData(SubHandling.Confirm, AuthorizationDecision.Confirm)]
    [InlineData(SubHandling.PoliteBlock, AuthorizationDecision.PoliteBlock)]
    [InlineData(SubHandling.Block, AuthorizationDecision.Block)]
    public void Each_sub_handling_stands_for_its_decision(SubHandling handling, AuthorizationDecision decision)
    {
        Assert.Equal(decision, PresencePolicy.Decision(handling));
    }

    [Fact]
    public void Without_rules_nothing_changes_at_any_later_time()
    {
        Assert.Null(PresencePolicy.Of(PresentityState.Empty(Aor)).NextChange(Now));
    }
}
