namespace SimpleActors.Presence;

/// <summary>
/// A human-readable comment: <c>note</c> (RFC 3863 section 4.1.6) in a presence document or tuple,
/// <c>dm:note</c> in a person or device (RFC 4479). The text is kept exactly as written.
/// </summary>
/// <param name="Text">The note's text.</param>
/// <param name="Language">The <c>xml:lang</c> in scope for the note (on it or an ancestor), or null.</param>
public sealed record PidfNote(string Text, string? Language);
