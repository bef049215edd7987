namespace SimpleActors.Node.Configuration;

/// <summary>
/// The <c>Xcap</c> section: the XCAP server (RFC 4825) on its own HTTP listener, and over HTTPS with the certificate of
/// the SIP TLS listeners (<c>Sip:Tls</c>). Users authenticate with HTTP digest (RFC 7616) against the SIP users file and
/// realm; Basic (RFC 7617) is accepted over HTTPS only.
/// </summary>
public sealed class XcapOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The address of the listeners.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The HTTP port; 0 lets the operating system choose one, -1 serves no plain HTTP.</summary>
    public int Port { get; set; } = 8088;

    /// <summary>The HTTPS port; 0 lets the operating system choose one, -1 serves no HTTPS.</summary>
    public int HttpsPort { get; set; } = 8449;

    /// <summary>The path of the XCAP root (RFC 4825 section 6.1), e.g. <c>/xcap-root</c>: the root URI is <c>http://address:port/xcap-root</c>.</summary>
    public string Root { get; set; } = "/xcap-root";

    /// <summary>The largest request body accepted (a PUT of a whole document); larger ones get 413.</summary>
    public int MaxBodySize { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long an XCAP request waits for its document's entity before the request is sent once more (then a third
    /// longer before it is answered 503 with Retry-After). Longer than the 3 s a change of a document the presence service
    /// reads waits for the owner's presentity. XCAP has its own count of requests under way (<c>Sip:Overload:MaxPendingRequests</c>).
    /// </summary>
    public TimeSpan EntityTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
