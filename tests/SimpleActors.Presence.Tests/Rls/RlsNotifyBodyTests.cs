using SimpleActors.Presence.Rls;
using static SimpleActors.Presence.Tests.Text;

namespace SimpleActors.Presence.Tests.Rls;

public class RlsNotifyBodyTests
{
    internal static readonly RlmiName[] ListNames = [new("Buddy List at COM", "en"), new("Liste der Freunde an COM", "de")];

    /// <summary>The resources of RFC 4662 section 6's full-state NOTIFY (reconstructed), the nested list built the same way.</summary>
    internal static RlsNotifyResource[] ExampleResources()
    {
        var (nestedBody, nestedType) = RlsNotifyBody.Build("sip:adam-friends@stockholm.example.org", 1, true, [new RlmiName("Buddy List at ORG", "en")],
        [
            new("sip:joe@stockholm.example.org", [new("Joe Thomas")], [Active("1", "sip:joe@stockholm.example.org")]),
            new("sip:mark@stockholm.example.org", [new("Mark Edwards")], [new("1", RlmiInstanceState.Terminated, "rejected")]),
        ]);
        return
        [
            new("sip:bob@vancouver.example.com", [new("Bob Smith")], [Active("juwigmtboe", "sip:bob@vancouver.example.com")]),
            new("sip:dave@vancouver.example.com", [new("Dave Jones")], [Active("hqzsuxtfyq", "sip:dave@vancouver.example.com")]),
            new("sip:ed@dallas.example.net", [new("Ed at NET")], [new("sdlkmeopdf", RlmiInstanceState.Pending)]),
            new("sip:adam-friends@stockholm.example.org", [new("My Friends at ORG", "en"), new("Meine Freunde an ORG", "de")],
                [new("cmpqweitlp", RlmiInstanceState.Active, null, nestedBody, nestedType)]),
        ];
    }

    internal static RlsNotifyInstance Active(string id, string entity) =>
        new(id, RlmiInstanceState.Active, null, Pidf.Write(Pidf.Closed(entity)), Pidf.ContentType);

    [Fact]
    public void The_rfc_4662_example_full_state_is_built_rlmi_first_with_a_part_per_instance_with_state()
    {
        // After RFC 4662 section 6, reconstructed.
        var (body, contentType) = RlsNotifyBody.Build(Rfc4662Example.ListUri, 1, true, ListNames, ExampleResources());

        var read = MultipartRelated.Read(body, contentType);
        Assert.Equal(read.Parts[0], read.Root);
        Assert.Equal(RlsNotifyBody.RlmiPartContentType, read.Root.ContentType);
        Assert.StartsWith("multipart/related;type=\"application/rlmi+xml\";start=\"<" + read.Start + ">\";boundary=", contentType, StringComparison.Ordinal);
        var rlmi = RlmiReader.Read(read.Root.Body.Span);
        Assert.Equal(new RlmiList(Rfc4662Example.ListUri, 1, true, ListNames, rlmi.Resources), rlmi);
        Assert.Equal(["sip:bob@vancouver.example.com", "sip:dave@vancouver.example.com", "sip:ed@dallas.example.net", "sip:adam-friends@stockholm.example.org"], rlmi.Resources.Select(r => r.Uri));

        // Instances with state point at their part, in document order; the pending one has no cid and no part.
        var cids = rlmi.Resources.SelectMany(r => r.Instances).Select(i => i.Cid).ToList();
        Assert.Null(cids[2]);
        Assert.Equal(cids.OfType<string>(), read.Parts.Skip(1).Select(p => p.ContentId));
        Assert.All(read.Parts, p => Assert.Matches("^[a-z0-9]{8}\\.1\\.[^@\\s<>]+@pres\\.vancouver\\.example\\.com$", p.ContentId));
        Assert.Equal("sip:bob@vancouver.example.com", Pidf.Parse(read.Parts[1].Body.Span).Entity);

        var nested = MultipartRelated.Read(read.Parts[3].Body.Span, read.Parts[3].ContentType);
        var nestedRlmi = RlmiReader.Read(nested.Root.Body.Span);
        Assert.Equal(new RlmiInstance("1", RlmiInstanceState.Terminated, "rejected"), nestedRlmi.Resources[1].Instances.Single());
        Assert.Equal(2, nested.Parts.Count);
    }

    [Fact]
    public void The_partial_notification_of_the_example_carries_only_the_changed_resource()
    {
        var (body, contentType) = RlsNotifyBody.Build(Rfc4662Example.ListUri, 2, false, [],
            [new("sip:ed@dallas.example.net", [new("Ed at NET")], [Active("sdlkmeopdf", "sip:ed@dallas.example.net")])]);

        var read = MultipartRelated.Read(body, contentType);
        var rlmi = RlmiReader.Read(read.Root.Body.Span);
        Assert.False(rlmi.FullState);
        Assert.Equal(2u, rlmi.Version);
        Assert.Equal(read.Parts[1].ContentId, rlmi.Resources.Single().Instances.Single().Cid);
    }

    [Fact]
    public void An_empty_list_is_a_valid_full_state()
    {
        var (body, contentType) = RlsNotifyBody.Build("sip:empty@example.com", 0, true, [], []);

        var read = MultipartRelated.Read(body, contentType);
        Assert.Equal(new RlmiList("sip:empty@example.com", 0, true, [], []), RlmiReader.Read(read.Root.Body.Span));
    }

    [Fact]
    public void A_full_state_over_the_limit_is_a_complete_first_body_and_partial_rest()
    {
        var resources = Enumerable.Range(0, 12)
            .Select(i => new RlsNotifyResource($"sip:u{i}@example.com", [], [Active("t" + i, $"sip:u{i}@example.com"), new("p" + i, RlmiInstanceState.Pending)]))
            .ToArray();

        var bodies = RlsNotifyBody.Build("sip:list@example.com", 5, true, [], resources, 2500);

        Assert.True(bodies.Count > 2);
        var lists = bodies.Select(b => RlmiReader.Read(MultipartRelated.Read(b.Body, b.ContentType).Root.Body.Span)).ToList();
        Assert.Equal(Enumerable.Range(5, bodies.Count).Select(v => (uint)v), lists.Select(l => l.Version));
        Assert.True(lists[0].FullState);
        Assert.All(lists.Skip(1), l => Assert.False(l.FullState));
        Assert.Equal(resources.Select(r => r.Uri), lists[0].Resources.Select(r => r.Uri));
        Assert.All(lists[0].Resources, r => Assert.Contains(r.Instances, i => i.State == RlmiInstanceState.Pending));
        Assert.All(bodies, b => Assert.True(b.Body.Length <= 2500, $"{b.Body.Length} bytes"));
    }

    [Fact]
    public void A_part_larger_than_the_limit_goes_alone()
    {
        var big = new RlsNotifyInstance("big", RlmiInstanceState.Active, null, new byte[5000], "application/octet-stream");

        var bodies = RlsNotifyBody.Build("sip:list@example.com", 0, true, [], [new("sip:a@example.com", [], [big])], 1000);

        Assert.Equal(2, bodies.Count);
        var first = RlmiReader.Read(MultipartRelated.Read(bodies[0].Body, bodies[0].ContentType).Root.Body.Span);
        Assert.Empty(first.Resources.Single().Instances);
        Assert.Equal(2, MultipartRelated.Read(bodies[1].Body, bodies[1].ContentType).Parts.Count);
    }

    [Fact]
    public void Instances_with_odd_ids_get_valid_content_ids()
    {
        var (body, contentType) = RlsNotifyBody.Build("sip:list@[::1]", 0, true, [],
            [new("sip:a@x", [], [new("id with <odd> \"chars\"", RlmiInstanceState.Active, null, Utf8("x"), "text/plain")])]);

        var read = MultipartRelated.Read(body, contentType);
        Assert.EndsWith("@rls.invalid", read.Parts[1].ContentId, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RlsNotifyBody.Build("sip:l@x", 0, true, [],
            [new("sip:a@x", [], [new("1", RlmiInstanceState.Active, null, Utf8("x"))])]));
        Assert.Throws<ArgumentException>(() => RlsNotifyBody.Build("sip:l@x", 0, true, [],
            [new("sip:a@x", [], [new("1", RlmiInstanceState.Active), new("1", RlmiInstanceState.Active)])]));
        Assert.Throws<OverflowException>(() => RlsNotifyBody.Build("sip:l@x", uint.MaxValue, true, [],
            [new("sip:a@x", [], [new("1", RlmiInstanceState.Active, null, new byte[3000], "text/plain")])], 1000));
    }
}
