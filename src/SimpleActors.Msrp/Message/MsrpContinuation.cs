namespace SimpleActors.Msrp.Message;

/// <summary>The flag at the end of the end-line (RFC 4975 section 7.1): what the chunk does to its message.</summary>
public enum MsrpContinuation
{
    /// <summary><c>$</c>: the chunk ends the message.</summary>
    Complete = '$',

    /// <summary><c>+</c>: more chunks of the message follow.</summary>
    More = '+',

    /// <summary><c>#</c>: the sender aborts the message.</summary>
    Abort = '#',
}
