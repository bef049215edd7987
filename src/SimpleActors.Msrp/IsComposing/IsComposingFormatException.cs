namespace SimpleActors.Msrp.IsComposing;

/// <summary>An application/im-iscomposing+xml body that cannot be read: the one exception <see cref="IsComposingReader"/> throws.</summary>
public sealed class IsComposingFormatException : Exception
{
    public IsComposingFormatException(string reason)
        : base(reason)
    {
        Reason = reason;
    }

    public IsComposingFormatException()
        : this("isComposing: malformed document")
    {
    }

    public IsComposingFormatException(string reason, Exception? innerException)
        : base(reason, innerException)
    {
        Reason = reason;
    }

    /// <summary>What is wrong, short and free of document content (e.g. "isComposing: no &lt;state&gt;").</summary>
    public string Reason { get; }
}
