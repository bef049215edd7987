namespace SimpleActors.Presence;

/// <summary>
/// The one error the presence document readers throw: the body is not an acceptable document. A
/// server answers the PUBLISH (or drops the NOTIFY) with 400 and <see cref="Reason"/> as the reason
/// phrase. Any other exception escaping a reader is a bug.
/// </summary>
public sealed class PresenceDocumentException : Exception
{
    public PresenceDocumentException(string reason)
        : base(reason)
    {
        Reason = reason;
    }

    public PresenceDocumentException()
        : this("Bad presence document")
    {
    }

    public PresenceDocumentException(string reason, Exception innerException)
        : base(reason, innerException)
    {
        Reason = reason;
    }

    /// <summary>
    /// What was wrong, short and free of document content, fit for a SIP reason phrase
    /// (e.g. "PIDF: tuple without id").
    /// </summary>
    public string Reason { get; }
}
