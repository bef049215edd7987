using System.Xml.Linq;

namespace SimpleActors.Presence;

/// <summary>A <c>dm:device</c> (RFC 4479 section 3.4): a physical device services run on.</summary>
/// <param name="Id">The device element's <c>id</c>, unique among the document's ids.</param>
/// <param name="DeviceId">
/// The device's <c>dm:deviceID</c> (e.g. <c>urn:uuid:...</c>), which tuples refer to; null when the
/// element lacks it (the schema requires one; a missing one is tolerated).
/// </param>
/// <param name="Notes">The device's <c>dm:note</c> elements in document order.</param>
/// <param name="Timestamp">The device's <c>dm:timestamp</c>, or null.</param>
/// <param name="Extensions">Every other child in document order, kept verbatim.</param>
public sealed record PidfDevice(
    string Id,
    string? DeviceId,
    IReadOnlyList<PidfNote> Notes,
    DateTimeOffset? Timestamp,
    IReadOnlyList<XElement> Extensions)
{
    public IReadOnlyList<PidfNote> Notes { get; init => field = ValueLists.Copy(value, nameof(Notes)); } =
        ValueLists.Copy(Notes, nameof(Notes));

    public IReadOnlyList<XElement> Extensions { get; init => field = ValueLists.CopyExtensions(value, nameof(Extensions)); } =
        ValueLists.CopyExtensions(Extensions, nameof(Extensions));

    public bool Equals(PidfDevice? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Id == other.Id
            && DeviceId == other.DeviceId
            && ValueLists.SequenceEqual(Notes, other.Notes)
            && Timestamp == other.Timestamp
            && ValueLists.ExtensionsEqual(Extensions, other.Extensions));

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Id);
        hash.Add(DeviceId);
        ValueLists.AddTo(ref hash, Notes);
        hash.Add(Timestamp);
        ValueLists.AddExtensionsTo(ref hash, Extensions);
        return hash.ToHashCode();
    }
}
