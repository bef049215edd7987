namespace SimpleActors.Edge.Configuration;

/// <summary>The <c>Sip</c> section of the configuration: listening sockets and parser limits.</summary>
public sealed class SipOptions
{
    /// <summary>The sockets an <c>edge</c> node opens (the shipped configuration: UDP and TCP on 127.0.0.1:5060, TLS on 5061, WebSocket on 8080 and 8443).</summary>
    public IList<SipListenerOptions> Listeners { get; } = [];

    public SipParserLimitsOptions Limits { get; set; } = new();

    /// <summary>When the node answers 503 with Retry-After instead of taking a request on.</summary>
    public SipOverloadOptions Overload { get; set; } = new();

    /// <summary>
    /// The host written in our Via and used as our own address, when the listeners are bound to a wildcard
    /// address (0.0.0.0 or ::). Empty: the listener's own address.
    /// </summary>
    public string AdvertisedHost { get; set; } = string.Empty;

    /// <summary>
    /// The receive buffer of each UDP socket in bytes (SO_RCVBUF; Linux caps it at net.core.rmem_max). A burst that
    /// arrives while the node is busy (a garbage collection) waits here instead of being dropped by the kernel;
    /// 0 keeps the operating system's default.
    /// </summary>
    public int UdpReceiveBufferSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The certificate of the TLS and WSS listeners (RFC 3261 section 26, RFC 7118 section 5).</summary>
    public SipTlsOptions Tls { get; set; } = new();

    /// <summary>
    /// How long a new TLS connection may take to finish its handshake, and a WebSocket client to send its upgrade
    /// request; then it is closed (half-open connections, slow loris).
    /// </summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A TCP, TLS or WebSocket connection with no traffic (keep-alives count) for this long is closed.</summary>
    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// On a graceful stop (SIGTERM, Ctrl+C, <c>cluster leave</c>): how long the edge waits for the requests it has begun to
    /// get their final responses before the node hands its shards off. New requests meanwhile get 503 with Retry-After.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a pager MESSAGE for an offline user is kept for delivery (RFC 3428 leaves it to the server).</summary>
    public TimeSpan StoredMessageLifetime { get; set; } = TimeSpan.FromDays(7);
}
