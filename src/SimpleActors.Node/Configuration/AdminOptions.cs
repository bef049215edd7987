namespace SimpleActors.Node.Configuration;

/// <summary>
/// The <c>Admin</c> section: the node's HTTP admin endpoint, on a loopback address only, every request with
/// <c>Authorization: Bearer &lt;token&gt;</c>.
/// </summary>
public sealed class AdminOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>A loopback address (127.0.0.1 or ::1); the endpoint is not for the network.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The port; 0 lets the operating system choose one.</summary>
    public int Port { get; set; } = 8090;

    /// <summary>The bearer token. Empty: the node makes one at start and writes it to <c>{DataDirectory}/admin-token</c> (mode 600).</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>OpenTelemetry metrics for Prometheus on <c>/metrics</c>, read without the token (docs/operations.md, "Metrics").</summary>
    public bool MetricsEnabled { get; set; } = true;

    /// <summary>The file a generated token is written to, inside the data directory.</summary>
    public const string TokenFileName = "admin-token";
}
