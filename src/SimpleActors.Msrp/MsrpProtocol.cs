namespace SimpleActors.Msrp;

/// <summary>Constants of RFC 4975 that every part of the library shares.</summary>
public static class MsrpProtocol
{
    /// <summary>The registered port for MSRP (RFC 4975 section 15.1).</summary>
    public const int DefaultPort = 2855;

    /// <summary>Chunks bigger than this must be interruptible (RFC 4975 section 7.1.1).</summary>
    public const int InterruptibleChunkSize = 2048;
}
