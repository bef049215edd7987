using SimpleActors.Presence.Rls;

namespace SimpleActors.Engine.Rls;

/// <summary>
/// The body of a list subscription's NOTIFY (RFC 4662 section 5), made by <see cref="RlsNotifyBody.BuildFirst"/>:
/// multipart/related with the RLMI document first, a part per instance whose state it carries, within the size limit.
/// What a body leaves out (the state did not fit) is not delivered: it goes in the next NOTIFY, made from the state of
/// then (RlsNotifyBody's remarks say why a first body that leaves instances out is still true full state).
/// </summary>
public static class ListNotifyBody
{
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
        var listed = resources.Select(r => new RlsNotifyResource(
                r.Uri,
                Names(r.Name),
                r.Instance is { } i ? [new RlsNotifyInstance(i.Id, i.State, i.Reason, i.Body, i.Body is null ? null : i.ContentType)] : []))
            .ToList();
        var first = RlsNotifyBody.BuildFirst(listUri, version, fullState, Names(listName), listed, maxBodyBytes, form);
        var delivered = resources.Where(r => r.Instance is not { } i || first.Carried.Contains((r.Uri, i.Id))).Select(r => r.Uri).ToHashSet(StringComparer.Ordinal);
        return new Built(first.Body, first.ContentType, delivered);
    }

    private static IReadOnlyList<RlmiName> Names(string? name) => name is null ? [] : [new RlmiName(name)];
}
