namespace SimpleActors.Presence;

public static partial class PresenceComposition
{
    /// <summary>One publication of a presentity as the composer sees it (RFC 3903 section 4.1).</summary>
    /// <param name="ETag">The publication's entity-tag (RFC 3903 section 4.1): its identity.</param>
    /// <param name="Document">The document last published under that entity-tag.</param>
    /// <param name="PublishedAt">When that document was published (initial or modifying PUBLISH; a refresh does not change the document).</param>
    public sealed record ComposedPublication(string ETag, PidfDocument Document, DateTimeOffset PublishedAt);
}
