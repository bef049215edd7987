namespace SimpleActors.Edge;

/// <summary>
/// The entity a request needs could not be asked (the node had as many asks under way as it takes on) or did not answer
/// in time: the edge answers 503 with Retry-After (RFC 3261 section 21.5.4), never a 500 after the client gave up.
/// </summary>
public sealed class EntityUnavailableException : Exception
{
    public EntityUnavailableException()
        : this(shed: false)
    {
    }

    public EntityUnavailableException(string message)
        : base(message)
    {
    }

    public EntityUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EntityUnavailableException(bool shed, Exception? innerException = null)
        : base(shed ? "Too many requests under way: shed" : "The entity did not answer in time", innerException)
    {
        Shed = shed;
    }

    /// <summary>Refused before asking (admission control), rather than asked and not answered.</summary>
    public bool Shed { get; }
}
