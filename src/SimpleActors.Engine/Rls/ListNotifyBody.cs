using SimpleActors.Presence.Rls;

namespace SimpleActors.Engine.Rls;

/// <summary>
/// The body of a list subscription's NOTIFY (RFC 4662 section 5): multipart/related, the RLMI document first (its
/// Content-ID is the <c>start</c> parameter), then one part per instance whose state the NOTIFY carries, named by the
/// instance's <c>cid</c>. Bounded: parts are added in list order while the body stays within the limit (one at least,
/// so a single large state still goes); a resource whose part did not fit is listed without that instance — in a full
/// state that is the state of an instance not yet delivered, never a claim without its part — and goes in the next
/// NOTIFY. The RLMI names every resource listed, so a full state always lists the whole list.
/// </summary>
public static class ListNotifyBody
{
    // What framing adds per part besides its body and Content-ID (delimiter, three header lines, CRLFs), as an estimate.
    private const int PartOverhead = 140;

    /// <summary>A resource as the body lists it: its one instance, if it has one yet.</summary>
    public sealed record Resource(string Uri, string? Name, Instance? Instance);

    /// <summary>
    /// An instance: its id (stable across NOTIFYs), state, reason, the state document if the NOTIFY can carry one, and the
    /// pidf-diff version that document carries (RFC 5262), if it is one.
    /// </summary>
    public sealed record Instance(string Id, RlmiInstanceState State, string? Reason, byte[]? Body, string ContentType, uint? Version = null);

    /// <summary>The body, its Content-Type (multipart/related with type, start and boundary), and the resources whose state it carries.</summary>
    public sealed record Built(byte[] Body, string ContentType, IReadOnlySet<string> Delivered);

    public static Built Build(
        string listUri, uint version, bool fullState, string? listName, IReadOnlyList<Resource> resources, int maxBodyBytes,
        ContentIdForm form = ContentIdForm.Rfc2392)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        var included = new HashSet<string>(StringComparer.Ordinal);
        var estimate = 400 + listUri.Length + (listName?.Length ?? 0) + resources.Sum(r => 120 + r.Uri.Length + (r.Name?.Length ?? 0));
        foreach (var resource in resources)
        {
            if (resource.Instance is not { } instance)
            {
                included.Add(resource.Uri);
                continue;
            }

            var size = instance.Body is { Length: var length } ? length + PartOverhead + 60 : 0;
            if (size > 0 && estimate + size > maxBodyBytes && included.Any(uri => HasPart(resources, uri)))
            {
                continue;
            }

            estimate += size;
            included.Add(resource.Uri);
        }

        while (true)
        {
            var built = Write(listUri, version, fullState, listName, resources, included, token, form);
            var parts = included.Where(uri => HasPart(resources, uri)).ToList();
            if (built.Body.Length <= maxBodyBytes || parts.Count <= 1)
            {
                return built;
            }

            included.Remove(parts[^1]); // the estimate was short: one part fewer
        }
    }

    private static bool HasPart(IReadOnlyList<Resource> resources, string uri) => resources.Any(r => r.Uri == uri && r.Instance?.Body is not null);

    private static Built Write(
        string listUri, uint version, bool fullState, string? listName, IReadOnlyList<Resource> resources, HashSet<string> included, string token,
        ContentIdForm form)
    {
        var parts = new List<MimePart>();
        var rlmiResources = new List<RlmiResource>(resources.Count);
        var delivered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            var instances = new List<RlmiInstance>(1);
            if (resource.Instance is { } instance && included.Contains(resource.Uri))
            {
                string? cid = null;
                if (instance.Body is { } body)
                {
                    cid = $"{instance.Id}.{version}.{token}@rls";
                    parts.Add(new MimePart(cid, instance.ContentType, body));
                }

                instances.Add(new RlmiInstance(instance.Id, instance.State, instance.Reason, cid));
                delivered.Add(resource.Uri);
            }
            else if (resource.Instance is null)
            {
                delivered.Add(resource.Uri);
            }

            rlmiResources.Add(new RlmiResource(resource.Uri, Names(resource.Name), instances));
        }

        var rlmi = RlmiWriter.Write(new RlmiList(listUri, version, fullState, Names(listName), rlmiResources));
        var start = $"list.{version}.{token}@rls";
        parts.Insert(0, new MimePart(start, Rlmi.ContentType, rlmi));
        var (bytes, contentType) = MultipartRelated.Write(parts, form);
        return new Built(bytes, contentType, delivered);
    }

    private static IReadOnlyList<RlmiName> Names(string? name) => name is null ? [] : [new RlmiName(name, null)];
}
