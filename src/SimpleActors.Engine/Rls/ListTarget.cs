namespace SimpleActors.Engine.Rls;

/// <summary>
/// What a list subscription subscribes to (RFC 4662 section 4): the list's URI (the SUBSCRIBE's Request-URI, named in
/// every RLMI document) and either the user whose rls-services document defines it (<paramref name="Owner"/>, RFC 4826
/// section 4: the subscription follows the definition as the owner changes it) or the resources a request-contained
/// list names (<paramref name="Resources"/>, RFC 5367 section 4: fixed for the subscription's life).
/// </summary>
/// <param name="Name">The list's display name (RFC 4662 section 5.2), if it has one.</param>
/// <param name="LinphoneForm">
/// The subscriber is liblinphone, which finds a NOTIFY's parts and package only as Flexisip spells them (bare
/// <c>Content-Id</c>, <c>Event: Presence</c>; docs/presence.md, "Resource lists"): its NOTIFYs are written so.
/// </param>
public sealed record ListTarget(string Uri, string? Owner, IReadOnlyList<ListResource> Resources, string? Name = null, bool LinphoneForm = false)
{
    /// <summary>A list of the owner's rls-services document (its resources come from the owner's presentity).</summary>
    public bool IsService => Owner is not null;

    public bool Equals(ListTarget? other) =>
        other is not null && Uri == other.Uri && Owner == other.Owner && Name == other.Name && LinphoneForm == other.LinphoneForm
        && Resources.SequenceEqual(other.Resources);

    public override int GetHashCode() => HashCode.Combine(Uri, Owner, Resources.Count);
}
