namespace SimpleActors.Msrp.Cpim;

/// <summary>
/// A message/cpim body that cannot be read (RFC 3862): the one exception <see cref="CpimReader"/> throws. The receiver
/// answers it gracefully, with a 400 to the SEND or MESSAGE or a REPORT (RFC 4975 section 7.2), never by closing the session.
/// </summary>
public sealed class CpimFormatException : Exception
{
    public CpimFormatException(string reason)
        : base(reason)
    {
        Reason = reason;
    }

    public CpimFormatException()
        : this("CPIM: malformed message")
    {
    }

    public CpimFormatException(string reason, Exception innerException)
        : base(reason, innerException)
    {
        Reason = reason;
    }

    /// <summary>What is wrong, short and free of message content, fit for a reason phrase (e.g. "CPIM: no From header").</summary>
    public string Reason { get; }
}
