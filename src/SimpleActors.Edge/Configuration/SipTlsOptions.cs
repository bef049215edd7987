namespace SimpleActors.Edge.Configuration;

/// <summary>
/// <c>Sip:Tls</c>: the server certificate of the TLS and WSS listeners. PEM (a certificate file and its key file, or
/// one file holding both) or PKCS#12 (<c>.pfx</c>/<c>.p12</c>, with its password). The files are watched and the
/// certificate reloaded when they change. Left empty, a node with a TLS or WSS listener makes a self-signed development
/// certificate in its data directory on first start and warns.
/// </summary>
public sealed class SipTlsOptions
{
    /// <summary>The certificate: a PEM file (the server certificate first) or a PKCS#12 file.</summary>
    public string CertificateFile { get; set; } = string.Empty;

    /// <summary>The PEM private key; empty when the certificate file holds it or is PKCS#12.</summary>
    public string KeyFile { get; set; } = string.Empty;

    /// <summary>The PKCS#12 password, or the password of an encrypted PEM key; empty for none.</summary>
    public string Password { get; set; } = string.Empty;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificateFile);
}
