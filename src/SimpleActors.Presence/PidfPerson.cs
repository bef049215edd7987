using System.Xml.Linq;

namespace SimpleActors.Presence;

/// <summary>
/// A <c>dm:person</c> (RFC 4479 section 3.2): the human (or other principal) behind the presentity.
/// </summary>
/// <param name="Id">The person's <c>id</c>, unique among the document's ids.</param>
/// <param name="Activities">
/// The children of the person's <c>rpid:activities</c> elements (RFC 4480), in document order:
/// an RPID activity as its local name (<c>away</c>, <c>on-the-phone</c>, <c>busy</c>, <c>meeting</c>,
/// ..., <c>unknown</c>); <c>rpid:other</c> as <c>other:</c> followed by its text; an activity from
/// another namespace as its expanded name <c>{namespace}local-name</c>. The notes, <c>from</c>/
/// <c>until</c> and <c>id</c> of an activities element are not kept. Written back as one
/// <c>rpid:activities</c> element.
/// </param>
/// <param name="Notes">The person's <c>dm:note</c> elements in document order.</param>
/// <param name="Timestamp">The person's <c>dm:timestamp</c>, or null.</param>
/// <param name="Extensions">
/// Every other child in document order, kept verbatim: the other RPID elements (<c>mood</c>,
/// <c>place-type</c>, <c>privacy</c>, <c>sphere</c>, <c>status-icon</c>, <c>time-offset</c>,
/// <c>user-input</c>, <c>class</c>, ...) and elements of any other namespace.
/// </param>
public sealed record PidfPerson(
    string Id,
    IReadOnlyList<string> Activities,
    IReadOnlyList<PidfNote> Notes,
    DateTimeOffset? Timestamp,
    IReadOnlyList<XElement> Extensions)
{
    public IReadOnlyList<string> Activities { get; init => field = ValueLists.Copy(value, nameof(Activities)); } =
        ValueLists.Copy(Activities, nameof(Activities));

    public IReadOnlyList<PidfNote> Notes { get; init => field = ValueLists.Copy(value, nameof(Notes)); } =
        ValueLists.Copy(Notes, nameof(Notes));

    public IReadOnlyList<XElement> Extensions { get; init => field = ValueLists.CopyExtensions(value, nameof(Extensions)); } =
        ValueLists.CopyExtensions(Extensions, nameof(Extensions));

    public bool Equals(PidfPerson? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Id == other.Id
            && ValueLists.SequenceEqual(Activities, other.Activities)
            && ValueLists.SequenceEqual(Notes, other.Notes)
            && Timestamp == other.Timestamp
            && ValueLists.ExtensionsEqual(Extensions, other.Extensions));

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Id);
        ValueLists.AddTo(ref hash, Activities);
        ValueLists.AddTo(ref hash, Notes);
        hash.Add(Timestamp);
        ValueLists.AddExtensionsTo(ref hash, Extensions);
        return hash.ToHashCode();
    }
}
