namespace SimpleActors.Msrp.Message;

/// <summary>The response codes of RFC 4975 section 10 and RFC 4976.</summary>
public static class MsrpStatusCode
{
    /// <summary>Section 10.1.</summary>
    public const int Ok = 200;

    /// <summary>Section 10.2: the request was unintelligible.</summary>
    public const int BadRequest = 400;

    /// <summary>RFC 4976 section 5.1: a relay challenges an AUTH.</summary>
    public const int Unauthorized = 401;

    /// <summary>Section 10.3: the action is not allowed.</summary>
    public const int Forbidden = 403;

    /// <summary>Section 10.4: no response downstream in time; local or in REPORTs only.</summary>
    public const int RequestTimeout = 408;

    /// <summary>Section 10.5: stop sending the message; the sender aborts it with <c>#</c>.</summary>
    public const int StopSending = 413;

    /// <summary>Section 10.6: the media type is not understood or not accepted.</summary>
    public const int UnsupportedMediaType = 415;

    /// <summary>Section 10.7: a parameter is out of bounds (an AUTH Expires).</summary>
    public const int IntervalOutOfBounds = 423;

    /// <summary>Section 10.8: the session does not exist.</summary>
    public const int SessionDoesNotExist = 481;

    /// <summary>Section 10.9: the method is not understood.</summary>
    public const int UnknownMethod = 501;

    /// <summary>Section 10.10: the session is bound to another connection.</summary>
    public const int SessionAlreadyBound = 506;
}
