namespace SimpleActors.Xcap.Rls;

/// <summary>
/// The one error of reading a list: an rls-services document (<see cref="RlsServices.Read"/>) or a request-contained
/// list (<see cref="RequestContainedList.Read"/>) that cannot be used. <see cref="StatusCode"/> is the SIP status to
/// answer a SUBSCRIBE that carried the list: 415 for a Content-Type or Content-Disposition that is not a
/// recipient-list of application/resource-lists+xml (RFC 5367 section 4, with RFC 5363), 413 for a body over the size
/// limit, 400 for anything malformed.
/// </summary>
public sealed class ResourceListException : Exception
{
    public ResourceListException()
        : this(400, "Bad resource list")
    {
    }

    public ResourceListException(string message)
        : this(400, message)
    {
    }

    public ResourceListException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
        Reason = message;
    }

    public ResourceListException(int statusCode, string reason, Exception? innerException = null)
        : base(reason, innerException)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>400, 413 or 415.</summary>
    public int StatusCode { get; }

    /// <summary>Short and free of document content, fit for a SIP reason phrase.</summary>
    public string Reason { get; }
}
