namespace SimpleActors.Msrp.Imdn;

/// <summary>A message/imdn+xml body that cannot be read: the one exception <see cref="ImdnReader"/> throws.</summary>
public sealed class ImdnFormatException : Exception
{
    public ImdnFormatException(string reason)
        : base(reason)
    {
        Reason = reason;
    }

    public ImdnFormatException()
        : this("IMDN: malformed document")
    {
    }

    public ImdnFormatException(string reason, Exception? innerException)
        : base(reason, innerException)
    {
        Reason = reason;
    }

    /// <summary>What is wrong, short and free of document content (e.g. "IMDN: no &lt;message-id&gt;").</summary>
    public string Reason { get; }
}
