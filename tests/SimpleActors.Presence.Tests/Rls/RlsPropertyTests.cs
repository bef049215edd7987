using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SimpleActors.Presence.Rls;

namespace SimpleActors.Presence.Tests.Rls;

public class RlsPropertyTests
{
    private static readonly Gen<RlmiName> Name =
        from value in PidfGenerators.Text
        from lang in PidfGenerators.Language
        select new RlmiName(value, lang);

    private static readonly Gen<RlmiInstanceState> State = Gen.Elements(RlmiInstanceState.Active, RlmiInstanceState.Pending, RlmiInstanceState.Terminated);

    private static readonly Gen<RlmiList> List =
        from uri in PidfGenerators.Token
        from version in Gen.Choose(0, int.MaxValue).Select(v => (uint)v * 2)
        from full in Gen.Elements(true, false)
        from names in PidfGenerators.Few(Name)
        from resources in PidfGenerators.Few(
            from resourceUri in PidfGenerators.Token
            from resourceNames in PidfGenerators.Few(Name, 2)
            from count in Gen.Choose(0, 3)
            from instances in (
                    from state in State
                    from reason in Gen.Elements<string?>(null, "rejected", "x y")
                    from cid in Gen.Elements<string?>(null, "a@b", "c")
                    select (state, reason, cid))
                .ListOf(count)
                .Select(l => l.Select((t, i) => new RlmiInstance("i" + i, t.state, t.reason, t.cid)).ToArray())
            select new RlmiResource(resourceUri, resourceNames, instances), 4)
        select new RlmiList(uri, version, full, names, resources);

    private static readonly Gen<byte[]> Bytes =
        Gen.OneOf(
            Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(),
            Gen.Elements("", "--", "\r\n", "\r\n--", "--x--\r\n", "Content-ID: <a@b>\r\n\r\n", "ü").ArrayOf().Select(a => Encoding.UTF8.GetBytes(string.Concat(a))));

    private static readonly Gen<MimePart[]> Parts =
        from types in Gen.Elements("text/plain", "application/pidf+xml", "application/rlmi+xml;charset=\"UTF-8\"", "multipart/x;boundary=\"q r\"").NonEmptyListOf()
        from bodies in Bytes.ListOf(types.Count)
        select types.Select((t, i) => new MimePart($"p{i}@example.com", t, bodies[i])).ToArray();

    [Property(MaxTest = 300)]
    public Property Rlmi_read_of_write_equals_the_list() =>
        Prop.ForAll(Arb.From(List), list =>
        {
            var read = RlmiReader.Read(RlmiWriter.Write(list));
            return read == list && read.GetHashCode() == list.GetHashCode();
        });

    [Property(MaxTest = 300)]
    public Property Multipart_read_of_write_gives_the_parts_and_the_boundary_is_in_no_part() =>
        Prop.ForAll(Arb.From(Parts), parts =>
        {
            var (body, contentType) = MultipartRelated.Write(parts);
            var read = MultipartRelated.Read(body, contentType);
            var boundary = Encoding.ASCII.GetBytes(contentType[(contentType.IndexOf("boundary=", StringComparison.Ordinal) + 9)..]);
            return read.Parts.SequenceEqual(parts) && read.Start == parts[0].ContentId
                && parts.All(p => p.Body.Span.IndexOf(boundary) < 0);
        });

    [Property(MaxTest = 200)]
    public Property A_drawn_boundary_found_in_a_part_is_never_used() =>
        Prop.ForAll(Arb.From(Parts), parts =>
        {
            var inPart = Encoding.ASCII.GetString(parts[0].Body.Span).Where(char.IsAsciiLetterOrDigit).Take(3).ToArray();
            var taken = inPart.Length > 0 ? new string(inPart) : "p0";
            var draws = new Queue<string>([taken, taken, "Fresh0Boundary1"]);
            var (_, contentType) = MultipartRelated.Write(parts, draws.Dequeue);
            return MultipartRelated.OccursIn(parts, taken) && contentType.EndsWith("boundary=Fresh0Boundary1", StringComparison.Ordinal)
                || !MultipartRelated.OccursIn(parts, taken);
        });

    private static readonly Gen<RlsNotifyResource[]> Resources =
        Gen.Choose(0, 8).SelectMany(count =>
            Gen.Choose(0, 3).SelectMany(n =>
                    Gen.Zip(State, Gen.Frequency((1, Gen.Constant(-1)), (3, Gen.Choose(0, 1500))))
                        .ListOf(n))
                .ListOf(count)
                .Select(resources => resources.Select((instances, r) => new RlsNotifyResource(
                    $"sip:u{r}@example.com",
                    r % 2 == 0 ? [new RlmiName("User " + r)] : [],
                    instances.Select((t, i) => t.Item2 < 0
                        ? new RlsNotifyInstance("i" + i, t.Item1, t.Item1 == RlmiInstanceState.Terminated ? "timeout" : null)
                        : new RlsNotifyInstance("i" + i, t.Item1, null, Encoding.ASCII.GetBytes(new string('x', t.Item2) + r + "/" + i), "text/plain")).ToArray())).ToArray()));

    [Property(MaxTest = 200)]
    public Property Split_bodies_carry_every_instance_once_with_consecutive_versions_and_only_the_first_full() =>
        Prop.ForAll(Arb.From(from r in Resources from m in Gen.Choose(300, 6000) from f in Gen.Elements(true, false) select (r, m, f)), t =>
        {
            var (resources, max, full) = t;
            var bodies = RlsNotifyBody.Build("sip:list@example.com", 10, full, [new RlmiName("L")], resources, max);
            var read = bodies.Select(b => MultipartRelated.Read(b.Body, b.ContentType)).ToList();
            var lists = read.Select(r => RlmiReader.Read(r.Root.Body.Span)).ToList();

            var versions = lists.Select(l => l.Version).SequenceEqual(Enumerable.Range(10, lists.Count).Select(v => (uint)v));
            var fullFlags = lists[0].FullState == full && lists.Skip(1).All(l => !l.FullState);
            var firstListsAll = !full || lists[0].Resources.Select(r => r.Uri).SequenceEqual(resources.Select(r => r.Uri));

            // Every instance exactly once; with state: its part is in the same body with its bytes; no cid without a part.
            var seen = new List<(string Uri, string Id)>();
            var partsRight = true;
            for (var b = 0; b < lists.Count; b++)
            {
                foreach (var resource in lists[b].Resources)
                {
                    var source = resources.Single(r => r.Uri == resource.Uri);
                    foreach (var instance in resource.Instances)
                    {
                        seen.Add((resource.Uri, instance.Id));
                        var expected = source.Instances.Single(i => i.Id == instance.Id);
                        partsRight &= instance.State == expected.State && (instance.Cid is null
                            ? expected.Body is null
                            : read[b].Parts.Single(p => p.ContentId == instance.Cid).Body.Span.SequenceEqual(expected.Body));
                    }
                }

                partsRight &= read[b].Parts.Count == 1 + lists[b].Resources.Sum(r => r.Instances.Count(i => i.Cid is not null));
            }

            var everyOnce = seen.Count == seen.Distinct().Count()
                && seen.Order().SequenceEqual(resources.SelectMany(r => r.Instances.Select(i => (r.Uri, i.Id))).Order());
            var withinLimit = bodies.Count == 1 || bodies.Skip(1).All(b => b.Body.Length <= max || MultipartRelated.Read(b.Body, b.ContentType).Parts.Count == 2);
            return (versions && fullFlags && firstListsAll && everyOnce && partsRight && withinLimit)
                .Label($"versions {versions} full {fullFlags} first {firstListsAll} once {everyOnce} parts {partsRight} limit {withinLimit}");
        });

    [Property(MaxTest = 300)]
    public Property Mutated_bodies_are_accepted_or_refused_with_a_presence_document_error() =>
        Prop.ForAll(
            Arb.From(
                from position in Gen.Choose(0, int.MaxValue)
                from value in Gen.Choose(0, 255)
                from cut in Gen.Elements(false, true)
                from rlmi in Gen.Elements(false, true)
                select (position, (byte)value, cut, rlmi)),
            t =>
            {
                var source = Rfc4662Example.FullBody();
                var bytes = t.rlmi ? Encoding.UTF8.GetBytes(Rfc4662Example.FullRlmi) : source;
                var at = t.position % bytes.Length;
                if (t.cut)
                {
                    bytes = bytes[..at];
                }
                else
                {
                    bytes[at] = t.Item2;
                }

                try
                {
                    if (t.rlmi)
                    {
                        RlmiReader.Read(bytes);
                    }
                    else
                    {
                        foreach (var part in MultipartRelated.Read(bytes, Rfc4662Example.ContentType).Parts)
                        {
                            _ = part.ContentType.Length;
                        }
                    }
                }
                catch (PresenceDocumentException)
                {
                }

                return true;
            });
}
