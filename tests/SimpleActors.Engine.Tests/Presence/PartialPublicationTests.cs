using SimpleActors.Engine.Presence;
using SimpleActors.Presence;
using SimpleActors.Presence.PidfDiff;
using static SimpleActors.Engine.Tests.Entities.Samples;

namespace SimpleActors.Engine.Tests.Presence;

/// <summary>RFC 5264 partial publication through <see cref="PresentityDecision"/>: pidf-full, pidf-diff, and every refusal.</summary>
public class PartialPublicationTests
{
    private static readonly PublicationOptions Options = new() { DefaultExpires = 3600, MinExpires = 60, MaxExpires = 7200 };

    private static string Full(uint version, string basic = "open") => $"""
        <p:pidf-full xmlns="urn:ietf:params:xml:ns:pidf" xmlns:p="urn:ietf:params:xml:ns:pidf-diff" entity="{Aor}" version="{version}">
         <tuple id="t1"><status><basic>{basic}</basic></status><contact>sip:alice@192.0.2.10</contact></tuple>
        </p:pidf-full>
        """;

    private static string Diff(uint version, string basic = "closed", string tuple = "t1") => $"""
        <p:pidf-diff xmlns="urn:ietf:params:xml:ns:pidf" xmlns:p="urn:ietf:params:xml:ns:pidf-diff" entity="{Aor}" version="{version}">
         <p:replace sel="presence/tuple[@id='{tuple}']/status/basic/text()">{basic}</p:replace>
        </p:pidf-diff>
        """;

    private static Publish Command(string? ifMatch, string body, string newETag) =>
        new(Aor, ifMatch, 600, PidfDiff.ContentType, System.Text.Encoding.UTF8.GetBytes(body), newETag, "call-1", 1, "alice", Now);

    private static (PresentityState State, PublishResult Reply, int Events) Run(PresentityState state, Publish command)
    {
        var (events, reply) = PresentityDecision.Publish(state, command, Now, Options);
        return (events.Aggregate(state, (s, e) => s.Apply(e)), reply, events.Count);
    }

    private static PresentityState PublishedFull(uint version = 567) => Run(PresentityState.Empty(Aor), Command(null, Full(version), "e1")).State;

    private static BasicStatus Basic(PresentityState state) => Pidf.Parse(Assert.Single(state.Publications).Body).Tuples[0].Status.Basic!.Value;

    [Fact]
    public void An_initial_pidf_full_is_kept_as_the_plain_pidf_it_stands_for_with_its_version()
    {
        var (state, reply, _) = Run(PresentityState.Empty(Aor), Command(null, Full(567), "e1"));

        Assert.Equal((200, "e1"), (reply.StatusCode, reply.ETag));
        var publication = Assert.Single(state.Publications);
        Assert.Equal((Pidf.ContentType, 567u), (publication.ContentType, publication.Version));
        Assert.Equal(BasicStatus.Open, Basic(state));
    }

    [Fact]
    public void A_pidf_diff_with_the_next_version_patches_the_publication_and_gets_a_new_entity_tag()
    {
        var (state, reply, _) = Run(PublishedFull(), Command("e1", Diff(568), "e2"));

        Assert.Equal((200, "e2"), (reply.StatusCode, reply.ETag));
        Assert.Equal(("e2", 568u), (state.Publications[0].ETag, state.Publications[0].Version));
        Assert.Equal(BasicStatus.Closed, Basic(state));
        Assert.Equal(2, state.Version);
    }

    [Fact]
    public void An_initial_pidf_diff_has_nothing_to_patch_and_is_refused_with_400()
    {
        var (state, reply, events) = Run(PresentityState.Empty(Aor), Command(null, Diff(1), "e1"));

        Assert.Equal(400, reply.StatusCode);
        Assert.Contains("SIP-If-Match", reply.Reason, StringComparison.Ordinal);
        Assert.Equal((0, 0), (events, state.Publications.Count));
    }

    [Fact]
    public void A_pidf_diff_naming_an_unknown_entity_tag_is_412()
    {
        var (_, reply, events) = Run(PublishedFull(), Command("nosuch", Diff(568), "e2"));

        Assert.Equal((412, 0), (reply.StatusCode, events));
    }

    [Fact]
    public void A_patch_that_fails_is_400_with_the_patch_ops_error_and_the_publication_stays()
    {
        var before = PublishedFull();

        var (state, reply, events) = Run(before, Command("e1", Diff(568, tuple: "nosuch"), "e2"));

        Assert.Equal((400, 0), (reply.StatusCode, events));
        Assert.Contains("<unlocated-node", System.Text.Encoding.UTF8.GetString(reply.PatchError!), StringComparison.Ordinal);
        Assert.Equal(("e1", BasicStatus.Open), (state.Publications[0].ETag, Basic(state)));
    }

    [Fact]
    public void A_patch_whose_result_is_not_pidf_is_400_and_the_publication_stays()
    {
        var (state, reply, events) = Run(PublishedFull(), Command("e1", Diff(568, basic: "maybe"), "e2"));

        Assert.Equal((400, 0), (reply.StatusCode, events));
        Assert.Null(reply.PatchError);
        Assert.Equal(BasicStatus.Open, Basic(state));
    }

    [Theory]
    [InlineData(567u)]
    [InlineData(569u)]
    [InlineData(1u)]
    public void A_pidf_diff_whose_version_is_not_the_next_is_400(uint version)
    {
        var (state, reply, events) = Run(PublishedFull(), Command("e1", Diff(version), "e2"));

        Assert.Equal((400, 0), (reply.StatusCode, events));
        Assert.Contains("does not follow 567", reply.Reason, StringComparison.Ordinal);
        Assert.Equal("e1", state.Publications[0].ETag);
    }

    [Fact]
    public void A_modify_with_pidf_full_replaces_the_whole_state_and_restarts_the_versions()
    {
        var (state, reply, _) = Run(PublishedFull(), Command("e1", Full(10, "closed"), "e2"));

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal((10u, BasicStatus.Closed), (state.Publications[0].Version, Basic(state)));
        Assert.Equal(200, Run(state, Command("e2", Diff(11, "open"), "e3")).Reply.StatusCode);
    }

    [Fact]
    public void A_pidf_diff_on_a_plain_pidf_publication_takes_any_version_as_the_start()
    {
        var plain = new Publish(Aor, null, 600, Pidf.ContentType, Pidf.WriteClosed(Aor), "e1", "call-1", 1, "alice", Now);
        var state = Run(PresentityState.Empty(Aor), plain).State;

        var (patched, reply, _) = Run(state, Command("e1", Diff(77, "open", "closed"), "e2"));

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal((77u, BasicStatus.Open), (patched.Publications[0].Version, Basic(patched)));
    }
}
