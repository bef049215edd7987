namespace SimpleActors.Presence.Rls;

/// <summary>A multipart/related body as read (RFC 2387): its parts in order and which one is the root.</summary>
/// <param name="Type">The <c>type</c> parameter: the root part's media type (RFC 2387 section 3.1).</param>
/// <param name="Start">The root part's Content-ID without angle brackets: the <c>start</c> parameter, or the first part's when there is none.</param>
/// <param name="Parts">The parts in body order. A part that is itself multipart/related has been checked the same way;
/// read it with <see cref="MultipartRelated.Read"/> on its body and Content-Type.</param>
public sealed record MultipartRelatedBody(string Type, string Start, IReadOnlyList<MimePart> Parts)
{
    public IReadOnlyList<MimePart> Parts { get; init => field = ValueLists.Copy(value, nameof(Parts)); } =
        ValueLists.Copy(Parts, nameof(Parts));

    /// <summary>The root part: the one whose Content-ID is <see cref="Start"/>.</summary>
    public MimePart Root => Parts.First(p => p.ContentId == Start);

    public bool Equals(MultipartRelatedBody? other) =>
        ReferenceEquals(this, other)
        || (other is not null && Type == other.Type && Start == other.Start && ValueLists.SequenceEqual(Parts, other.Parts));

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Type);
        hash.Add(Start);
        ValueLists.AddTo(ref hash, Parts);
        return hash.ToHashCode();
    }
}
