using System.Xml.Linq;

namespace SimpleActors.Presence;

/// <summary>
/// A <c>tuple</c> (RFC 3863 section 4.1.2): one service of the presentity, which the data model
/// calls a service (RFC 4479 section 3.3).
/// </summary>
/// <param name="Id">The tuple's <c>id</c>, unique among the document's ids.</param>
/// <param name="Status">The tuple's <c>status</c> (required).</param>
/// <param name="Contact">The <c>contact</c> element, or null.</param>
/// <param name="Notes">The tuple's <c>note</c> elements in document order.</param>
/// <param name="Timestamp">The tuple's <c>timestamp</c> (RFC 3863 section 4.1.7), or null.</param>
/// <param name="DeviceId">
/// The first <c>dm:deviceID</c> in the tuple: the device the service runs on (RFC 4479 sections 3.3, 3.4);
/// any further one stays in <paramref name="Extensions"/>.
/// </param>
/// <param name="Extensions">Other elements of the tuple from other namespaces, in document order.</param>
public sealed record PidfTuple(
    string Id,
    PidfStatus Status,
    PidfContact? Contact,
    IReadOnlyList<PidfNote> Notes,
    DateTimeOffset? Timestamp,
    string? DeviceId,
    IReadOnlyList<XElement> Extensions)
{
    public IReadOnlyList<PidfNote> Notes { get; init => field = ValueLists.Copy(value, nameof(Notes)); } =
        ValueLists.Copy(Notes, nameof(Notes));

    public IReadOnlyList<XElement> Extensions { get; init => field = ValueLists.CopyExtensions(value, nameof(Extensions)); } =
        ValueLists.CopyExtensions(Extensions, nameof(Extensions));

    public bool Equals(PidfTuple? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Id == other.Id
            && Equals(Status, other.Status)
            && Equals(Contact, other.Contact)
            && ValueLists.SequenceEqual(Notes, other.Notes)
            && Timestamp == other.Timestamp
            && DeviceId == other.DeviceId
            && ValueLists.ExtensionsEqual(Extensions, other.Extensions));

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Id);
        hash.Add(Status);
        hash.Add(Contact);
        ValueLists.AddTo(ref hash, Notes);
        hash.Add(Timestamp);
        hash.Add(DeviceId);
        ValueLists.AddExtensionsTo(ref hash, Extensions);
        return hash.ToHashCode();
    }
}
