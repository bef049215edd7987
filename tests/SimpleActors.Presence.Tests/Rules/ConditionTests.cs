using SimpleActors.Presence.Rules;
using static SimpleActors.Presence.Tests.Rules.RulesSamples;

namespace SimpleActors.Presence.Tests.Rules;

/// <summary>RFC 4745 section 7 conditions and OMA's extensions, each on its own: a rule that allows when its conditions match.</summary>
public class ConditionTests
{
    private static SubHandling? Decision(string conditions, string? watcher, string? sphere = null, DateTimeOffset? now = null, ExternalListMembership? lists = null) =>
        ParseRules(Rule("r", conditions, "allow")).Evaluate(watcher, sphere, now ?? Now, lists).SubHandling;

    [Theory]
    [InlineData("sip:alice@example.com", true)]
    [InlineData("sip:alice@EXAMPLE.com", true)] // RFC 3261 section 19.1.4: the host without case
    [InlineData("SIP:alice@example.com;transport=tcp", true)]
    [InlineData("sips:alice@example.com", true)]
    [InlineData("sip:Alice@example.com", false)] // the user part is case-sensitive
    [InlineData("sip:alice@example.org", false)]
    [InlineData("sip:bob@example.com", false)]
    [InlineData(null, false)]
    public void One_matches_exactly_that_authenticated_identity(string? watcher, bool matches)
    {
        Assert.Equal(matches ? SubHandling.Allow : null, Decision("""<cp:identity><cp:one id="sip:alice@example.com"/></cp:identity>""", watcher));
    }

    [Fact]
    public void Identity_children_are_alternatives()
    {
        const string identity = """<cp:identity><cp:one id="sip:alice@example.com"/><cp:one id="tel:+1-212-555-1234"/></cp:identity>""";

        Assert.Equal(SubHandling.Allow, Decision(identity, "tel:+1-212-555-1234"));
        Assert.Equal(SubHandling.Allow, Decision(identity, "sip:alice@example.com"));
        Assert.Null(Decision(identity, "tel:+1-212-555-9999"));
    }

    [Theory]
    [InlineData("sip:anyone@example.com", true)]
    [InlineData("tel:+15551234", true)]
    [InlineData(null, false)] // RFC 5025 section 3.1.1: an unauthenticated watcher matches no identity
    public void Many_matches_every_authenticated_identity(string? watcher, bool matches)
    {
        Assert.Equal(matches ? SubHandling.Allow : null, Decision("<cp:identity><cp:many/></cp:identity>", watcher));
    }

    [Theory]
    [InlineData("sip:anyone@example.com", true)]
    [InlineData("sip:anyone@Example.COM:5061", true)]
    [InlineData("sip:anyone@sub.example.com", false)]
    [InlineData("sip:example.com@evil.example.org", false)]
    [InlineData("tel:+15551234", false)]
    [InlineData(null, false)]
    public void Many_with_a_domain_matches_the_identities_of_that_domain(string? watcher, bool matches)
    {
        Assert.Equal(matches ? SubHandling.Allow : null, Decision("""<cp:identity><cp:many domain="example.com"/></cp:identity>""", watcher));
    }

    [Theory]
    [InlineData("sip:alice@example.com", true)]
    [InlineData("sip:mallory@example.com", false)]
    [InlineData("sip:eve@example.com", false)]
    public void Except_id_carves_identities_out_of_many_with_a_domain(string watcher, bool matches)
    {
        const string identity = """
            <cp:identity>
              <cp:many domain="example.com"><cp:except id="sip:mallory@example.com"/><cp:except id="sip:eve@example.com"/></cp:many>
            </cp:identity>
            """;

        Assert.Equal(matches ? SubHandling.Allow : null, Decision(identity, watcher));
    }

    [Theory]
    [InlineData("sip:alice@example.com", true)]
    [InlineData("sip:bob@spam.example.net", false)]
    [InlineData("sip:carol@SPAM.example.net", false)]
    [InlineData("sip:dave@example.org", false)]
    public void Except_domain_carves_domains_out_of_many(string watcher, bool matches)
    {
        const string identity = """
            <cp:identity>
              <cp:many><cp:except domain="spam.example.net"/><cp:except id="sip:dave@example.org"/></cp:many>
            </cp:identity>
            """;

        Assert.Equal(matches ? SubHandling.Allow : null, Decision(identity, watcher));
    }

    [Fact]
    public void A_many_with_an_exception_that_cannot_be_read_matches_nobody()
    {
        Assert.Null(Decision("<cp:identity><cp:many><cp:except/></cp:many></cp:identity>", "sip:alice@example.com"));
        Assert.Null(Decision("<cp:identity><cp:many><cp:except id='sip:a@x' domain='x'/></cp:many></cp:identity>", "sip:alice@example.com"));
    }

    [Theory]
    [InlineData("work", true)]
    [InlineData("Work", true)]
    [InlineData("home", true)]
    [InlineData("travel", false)]
    [InlineData(null, false)]
    public void Sphere_matches_when_the_presentity_is_in_one_of_its_values(string? sphere, bool matches)
    {
        Assert.Equal(matches ? SubHandling.Allow : null, Decision("""<cp:sphere value="work home"/>""", "sip:a@example.com", sphere));
    }

    [Fact]
    public void The_presentity_sphere_is_read_from_the_first_person_that_has_one()
    {
        Assert.Equal("work", PresenceFilter.SphereOf(Document()));
        Assert.Null(PresenceFilter.SphereOf(Text.ParsePidf(Documents.PidfSamples.Minimal)));
    }

    [Theory]
    [InlineData("2024-06-01T13:59:59+02:00", false)] // 11:59:59Z, before from
    [InlineData("2024-06-01T14:00:00+02:00", true)] // 12:00:00Z, from is included
    [InlineData("2024-06-01T08:30:00-05:00", true)] // 13:30:00Z
    [InlineData("2024-06-01T17:59:59Z", true)]
    [InlineData("2024-06-01T18:00:00Z", false)] // until is excluded
    [InlineData("2024-06-02T12:00:00Z", true)] // the second interval
    public void Validity_matches_inside_its_intervals_compared_as_instants(string now, bool matches)
    {
        // Intervals written in two other time zones: 12:00Z to 18:00Z, and all of 2024-06-02 in UTC.
        const string validity = """
            <cp:validity>
              <cp:from>2024-06-01T14:00:00+02:00</cp:from><cp:until>2024-06-01T13:00:00-05:00</cp:until>
              <cp:from>2024-06-02T00:00:00Z</cp:from><cp:until>2024-06-03T00:00:00Z</cp:until>
            </cp:validity>
            """;

        Assert.Equal(matches ? SubHandling.Allow : null, Decision(validity, "sip:a@example.com", now: DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("<cp:validity><cp:from>2024-06-01T00:00:00Z</cp:from></cp:validity>")]
    [InlineData("<cp:validity><cp:until>2024-06-02T00:00:00Z</cp:until></cp:validity>")]
    [InlineData("<cp:validity><cp:from>yesterday</cp:from><cp:until>2024-06-02T00:00:00Z</cp:until></cp:validity>")]
    [InlineData("<cp:validity/>")]
    [InlineData("<cp:sphere/>")]
    public void Malformed_conditions_never_match(string conditions)
    {
        Assert.Null(Decision(conditions, "sip:a@example.com"));
    }

    [Fact]
    public void Next_change_is_the_first_validity_boundary_after_now()
    {
        var rules = ParseRules(
            Rule("a", "<cp:validity><cp:from>2024-06-01T14:00:00+02:00</cp:from><cp:until>2024-06-01T20:00:00+02:00</cp:until></cp:validity>", "allow"),
            Rule("b", "<cp:validity><cp:from>2024-06-01T13:00:00Z</cp:from><cp:until>2024-06-05T00:00:00Z</cp:until></cp:validity>", "block"));

        Assert.Equal(DateTimeOffset.Parse("2024-06-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), rules.NextChange(Now.AddHours(-1)));
        Assert.Equal(DateTimeOffset.Parse("2024-06-01T13:00:00Z", System.Globalization.CultureInfo.InvariantCulture), rules.NextChange(Now));
        Assert.Equal(DateTimeOffset.Parse("2024-06-01T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture), rules.NextChange(Now.AddHours(1)));
        Assert.Null(rules.NextChange(Now.AddDays(10)));
        Assert.Null(Parse(Rfc5025Example).NextChange(Now));
    }

    [Fact]
    public void Conditions_are_anded_and_an_empty_conditions_element_matches_everyone()
    {
        const string both = """<cp:identity><cp:one id="sip:alice@example.com"/></cp:identity><cp:sphere value="work"/>""";

        Assert.Equal(SubHandling.Allow, Decision(both, "sip:alice@example.com", "work"));
        Assert.Null(Decision(both, "sip:alice@example.com", "home"));
        Assert.Null(Decision(both, "sip:bob@example.com", "work"));
        Assert.Equal(SubHandling.Allow, Decision(string.Empty, null));
        Assert.Equal(SubHandling.Allow, ParseRules(Rule("r", null, "allow")).Evaluate(null, null, Now).SubHandling);
    }

    [Fact]
    public void A_rule_with_a_condition_not_understood_never_matches()
    {
        // RFC 4745 section 6.2.
        Assert.Null(Decision("""<x:moon-phase xmlns:x="urn:example:x">full</x:moon-phase>""", "sip:a@example.com"));
        Assert.Null(Decision("""<cp:identity><cp:many/></cp:identity><cp:location/>""", "sip:a@example.com"));
    }

    [Fact]
    public void An_unknown_child_of_identity_names_nobody_but_the_others_still_do()
    {
        const string identity = """<cp:identity><x:group xmlns:x="urn:example:x" name="friends"/><cp:one id="sip:alice@example.com"/></cp:identity>""";

        Assert.Null(Decision(identity, "sip:bob@example.com"));
        Assert.Equal(SubHandling.Allow, Decision(identity, "sip:alice@example.com"));
    }

    [Fact]
    public void Other_identity_matches_authenticated_watchers_no_identity_condition_names()
    {
        // The OMA default pres-rules shape: own identity allowed, anonymous blocked, the others confirmed.
        var rules = ParseRules(
            Rule("wp_prs_allow_own", """<cp:identity><cp:one id="sip:owner@example.com"/></cp:identity>""", "allow"),
            Rule("wp_prs_grantedcontacts", """<cp:identity><cp:one id="sip:friend@example.com"/></cp:identity><cp:sphere value="work"/>""", "allow"),
            Rule("wp_prs_block_anonymous", "<ocp:anonymous-request/>", "block"),
            Rule("wp_prs_unlisted", "<ocp:other-identity/>", "confirm"));

        Assert.Equal(SubHandling.Allow, rules.Evaluate("sip:owner@example.com", null, Now).SubHandling);
        Assert.Equal(SubHandling.Confirm, rules.Evaluate("sip:stranger@example.com", null, Now).SubHandling);
        Assert.Equal(SubHandling.Block, rules.Evaluate(null, null, Now).SubHandling);

        // Named by a rule whose other conditions do not hold: listed all the same, so not "other".
        Assert.Null(rules.Evaluate("sip:friend@example.com", "home", Now).SubHandling);
    }

    [Fact]
    public void External_list_matches_the_entries_the_resolver_reports_and_names_them_for_other_identity()
    {
        const string granted = "http://xcap.example.com/resource-lists/users/sip:owner@example.com/index/~~/resource-lists/list%5B@name=%22oma_grantedcontacts%22%5D";
        var rules = ParseRules(
            Rule("granted", $"""<ocp:external-list><ocp:entry anc="{granted}"/></ocp:external-list>""", "allow"),
            Rule("unlisted", "<ocp:other-identity/>", "polite-block"));
        ExternalListMembership lists = (list, watcher) => list == granted && watcher == "sip:friend@example.com";

        Assert.Equal(SubHandling.Allow, rules.Evaluate("sip:friend@EXAMPLE.com", null, Now, lists).SubHandling);
        Assert.Equal(SubHandling.PoliteBlock, rules.Evaluate("sip:stranger@example.com", null, Now, lists).SubHandling);

        // Without a resolver the list matches nobody.
        Assert.Equal(SubHandling.PoliteBlock, rules.Evaluate("sip:friend@example.com", null, Now).SubHandling);
    }
}
