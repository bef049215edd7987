using System.Xml.Linq;

namespace SimpleActors.Presence;

/// <summary>
/// A PIDF presence document (RFC 3863 section 4.1) with the data model's persons and devices
/// (RFC 4479) and RPID activities (RFC 4480). An immutable value: lists are copied when the record
/// is made and compared by sequence, extension elements are compared with
/// <see cref="XNode.DeepEquals"/> on canonical copies. Treat the extension elements as read-only.
/// </summary>
/// <param name="Entity">The presentity's URI (<c>entity</c>, RFC 3863 section 4.1.1): pres:, sip: or sips:.</param>
/// <param name="Tuples">The tuples in document order.</param>
/// <param name="Persons">The <c>dm:person</c> elements in document order.</param>
/// <param name="Devices">The <c>dm:device</c> elements in document order.</param>
/// <param name="Notes">The presence-level <c>note</c> elements in document order.</param>
/// <param name="Extensions">Other presence-level elements from other namespaces, in document order.</param>
public sealed record PidfDocument(
    string Entity,
    IReadOnlyList<PidfTuple> Tuples,
    IReadOnlyList<PidfPerson> Persons,
    IReadOnlyList<PidfDevice> Devices,
    IReadOnlyList<PidfNote> Notes,
    IReadOnlyList<XElement> Extensions)
{
    public IReadOnlyList<PidfTuple> Tuples { get; init => field = ValueLists.Copy(value, nameof(Tuples)); } =
        ValueLists.Copy(Tuples, nameof(Tuples));

    public IReadOnlyList<PidfPerson> Persons { get; init => field = ValueLists.Copy(value, nameof(Persons)); } =
        ValueLists.Copy(Persons, nameof(Persons));

    public IReadOnlyList<PidfDevice> Devices { get; init => field = ValueLists.Copy(value, nameof(Devices)); } =
        ValueLists.Copy(Devices, nameof(Devices));

    public IReadOnlyList<PidfNote> Notes { get; init => field = ValueLists.Copy(value, nameof(Notes)); } =
        ValueLists.Copy(Notes, nameof(Notes));

    public IReadOnlyList<XElement> Extensions { get; init => field = ValueLists.CopyExtensions(value, nameof(Extensions)); } =
        ValueLists.CopyExtensions(Extensions, nameof(Extensions));

    public bool Equals(PidfDocument? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Entity == other.Entity
            && ValueLists.SequenceEqual(Tuples, other.Tuples)
            && ValueLists.SequenceEqual(Persons, other.Persons)
            && ValueLists.SequenceEqual(Devices, other.Devices)
            && ValueLists.SequenceEqual(Notes, other.Notes)
            && ValueLists.ExtensionsEqual(Extensions, other.Extensions));

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Entity);
        ValueLists.AddTo(ref hash, Tuples);
        ValueLists.AddTo(ref hash, Persons);
        ValueLists.AddTo(ref hash, Devices);
        ValueLists.AddTo(ref hash, Notes);
        ValueLists.AddExtensionsTo(ref hash, Extensions);
        return hash.ToHashCode();
    }
}
