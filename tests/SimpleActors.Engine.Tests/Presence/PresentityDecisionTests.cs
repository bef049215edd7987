using SimpleActors.Engine.Presence;
using static SimpleActors.Engine.Tests.Entities.Samples;

namespace SimpleActors.Engine.Tests.Presence;

/// <summary>RFC 3903 section 6, step by step, and the races the established servers get wrong.</summary>
public class PresentityDecisionTests
{
    private static readonly PublicationOptions Options = new() { DefaultExpires = 3600, MinExpires = 60, MaxExpires = 7200 };
    private static readonly byte[] Open = "<open/>"u8.ToArray();
    private static readonly byte[] Away = "<away/>"u8.ToArray();

    private static Publish Command(string? ifMatch, int? expires, byte[]? body, string newETag, uint cseq = 1) =>
        new(Aor, ifMatch, expires, body is null ? null : "application/pidf+xml", body, newETag, "call-1", cseq, "alice", Now);

    private static (PresentityState State, PublishResult Reply) Run(PresentityState state, Publish command, DateTimeOffset? now = null)
    {
        var (events, reply) = PresentityDecision.Publish(state, command, now ?? Now, Options);
        return (events.Aggregate(state, (s, e) => s.Apply(e)), reply);
    }

    private static PresentityState Published(out string etag)
    {
        var (state, reply) = Run(PresentityState.Empty(Aor), Command(null, 600, Open, "e1"));
        etag = reply.ETag!;
        return state;
    }

    [Fact]
    public void An_initial_publish_creates_a_publication_with_the_new_entity_tag_and_its_expiry()
    {
        var (state, reply) = Run(PresentityState.Empty(Aor), Command(null, 600, Open, "e1"));

        Assert.Equal((200, "e1", 600), (reply.StatusCode, reply.ETag, reply.Expires));
        var publication = Assert.Single(state.Publications);
        Assert.Equal(("e1", Now.AddSeconds(600)), (publication.ETag, publication.ExpiresAt));
        Assert.Equal(Open, publication.Body);
        Assert.Equal(1, state.Version);
    }

    [Fact]
    public void Without_expires_the_default_applies_and_a_long_expires_is_cut_to_the_maximum()
    {
        Assert.Equal(3600, Run(PresentityState.Empty(Aor), Command(null, null, Open, "e1")).Reply.Expires);
        Assert.Equal(7200, Run(PresentityState.Empty(Aor), Command(null, 100_000, Open, "e1")).Reply.Expires);
    }

    [Fact]
    public void A_non_zero_expires_under_the_minimum_gets_423_with_min_expires_before_the_entity_tag_is_checked()
    {
        var (state, reply) = Run(PresentityState.Empty(Aor), Command("no-such-tag", 10, null, "e1"));

        Assert.Equal((423, 60), (reply.StatusCode, reply.MinExpires));
        Assert.Empty(state.Publications);
    }

    [Fact]
    public void An_initial_publish_without_a_body_gets_400()
    {
        var (state, reply) = Run(PresentityState.Empty(Aor), Command(null, 600, null, "e1"));

        Assert.Equal(400, reply.StatusCode);
        Assert.Empty(state.Publications);
    }

    [Fact]
    public void An_initial_publish_with_expires_0_keeps_nothing()
    {
        var (state, reply) = Run(PresentityState.Empty(Aor), Command(null, 0, Open, "e1"));

        Assert.Equal((200, 0), (reply.StatusCode, reply.Expires));
        Assert.Null(reply.ETag);
        Assert.True(state.IsEmpty);
    }

    [Fact]
    public void A_refresh_issues_a_new_entity_tag_keeps_the_document_and_does_not_change_the_version()
    {
        var state = Published(out var etag);

        var (refreshed, reply) = Run(state, Command(etag, 1200, null, "e2", 2), Now.AddSeconds(100));

        Assert.Equal((200, "e2", 1200), (reply.StatusCode, reply.ETag, reply.Expires));
        var publication = Assert.Single(refreshed.Publications);
        Assert.Equal(("e2", Now.AddSeconds(1300), 2u), (publication.ETag, publication.ExpiresAt, publication.CSeq));
        Assert.Equal(Open, publication.Body);
        Assert.Equal(state.Version, refreshed.Version);
    }

    [Fact]
    public void A_modify_replaces_the_document_under_a_new_entity_tag_and_bumps_the_version()
    {
        var state = Published(out var etag);

        var (modified, reply) = Run(state, Command(etag, 600, Away, "e2", 2));

        Assert.Equal((200, "e2"), (reply.StatusCode, reply.ETag));
        Assert.Equal(Away, Assert.Single(modified.Publications).Body);
        Assert.Equal(state.Version + 1, modified.Version);
    }

    [Fact]
    public void A_remove_with_expires_0_ends_the_publication()
    {
        var state = Published(out var etag);

        var (removed, reply) = Run(state, Command(etag, 0, null, "e2", 2));

        Assert.Equal((200, 0), (reply.StatusCode, reply.Expires));
        Assert.True(removed.IsEmpty);
        Assert.Equal(state.Version + 1, removed.Version);
    }

    [Theory]
    [InlineData("never-issued")]
    [InlineData("")]
    [InlineData("\"quoted\"")]
    [InlineData("e1 ")]
    public void An_unknown_entity_tag_of_any_shape_gets_412(string ifMatch)
    {
        var state = Published(out _);

        foreach (var command in new[] { Command(ifMatch, 600, null, "x"), Command(ifMatch, 600, Away, "x"), Command(ifMatch, 0, null, "x") })
        {
            var (after, reply) = Run(state, command);
            Assert.Equal(412, reply.StatusCode);
            Assert.Equal(state, after);
        }
    }

    [Fact]
    public void A_replaced_entity_tag_gets_412()
    {
        var state = Published(out var first);
        var (refreshed, _) = Run(state, Command(first, 600, null, "e2", 2));

        Assert.Equal(412, Run(refreshed, Command(first, 600, null, "e3", 3)).Reply.StatusCode);
    }

    [Fact]
    public void An_entity_tag_whose_publication_has_expired_gets_412_even_before_the_expiry_event()
    {
        var state = Published(out var etag);

        Assert.Equal(412, Run(state, Command(etag, 600, null, "e2", 2), Now.AddSeconds(600)).Reply.StatusCode);
    }

    [Fact]
    public void A_burst_of_publishes_with_the_same_if_match_lets_exactly_one_win_and_never_duplicates_the_publication()
    {
        var state = Published(out var etag);
        var replies = new List<PublishResult>();

        // Ten clients (or one retrying client) modify with the same entity-tag; the actor decides them one by one.
        for (var i = 0; i < 10; i++)
        {
            (state, var reply) = Run(state, Command(etag, 600, i % 2 == 0 ? Away : Open, $"burst-{i}", (uint)(2 + i)));
            replies.Add(reply);
        }

        Assert.Equal([200, 412, 412, 412, 412, 412, 412, 412, 412, 412], replies.Select(r => r.StatusCode));
        var publication = Assert.Single(state.Publications);
        Assert.Equal("burst-0", publication.ETag);
        Assert.Equal(Away, publication.Body);
    }

    [Fact]
    public void Two_devices_publish_independently_and_each_entity_tag_names_its_own_publication()
    {
        var (state, phone) = Run(PresentityState.Empty(Aor), Command(null, 600, Open, "phone"));
        (state, var desk) = Run(state, Command(null, 600, Away, "desk"));
        (state, _) = Run(state, Command(phone.ETag, 0, null, "x"));

        var left = Assert.Single(state.Publications);
        Assert.Equal((desk.ETag, Away), (left.ETag, left.Body));
    }

    [Fact]
    public void Expiry_removes_exactly_the_publications_whose_time_has_come()
    {
        var (state, _) = Run(PresentityState.Empty(Aor), Command(null, 60, Open, "short"));
        (state, _) = Run(state, Command(null, 600, Away, "long"));

        Assert.Empty(PresentityDecision.Expire(state, Now.AddSeconds(59)));
        var expired = Assert.Single(PresentityDecision.Expire(state, Now.AddSeconds(60)));
        var removed = Assert.IsType<PublicationRemoved>(expired);
        Assert.Equal(("short", PublicationRemovalReason.Expired), (removed.ETag, removed.Reason));
        Assert.Equal(Now.AddSeconds(60), state.NextExpiry);
    }

    [Fact]
    public void A_publish_whose_new_entity_tag_exists_was_applied_and_gets_the_same_answer()
    {
        var state = Published(out var etag);
        var modify = Command(etag, 600, Away, "e2", cseq: 2);
        var (modified, first) = Run(state, modify);

        var (again, second) = Run(modified, modify, Now.AddSeconds(10));

        Assert.Equal((200, "e2"), (first.StatusCode, first.ETag));
        Assert.Equal((200, "e2", 590), (second.StatusCode, second.ETag, second.Expires));
        Assert.Equal(modified.Version, again.Version);
        Assert.Equal(Away, Assert.Single(again.Publications).Body);
    }
}
