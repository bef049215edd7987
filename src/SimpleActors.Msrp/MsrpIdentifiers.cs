using System.Security.Cryptography;
using SimpleActors.Msrp.Message;

namespace SimpleActors.Msrp;

/// <summary>
/// New session ids, transaction ids and Message-IDs: letters and digits drawn from <see cref="RandomNumberGenerator"/>,
/// safe in a URI, a start line and an end-line alike.
/// </summary>
public static class MsrpIdentifiers
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>
    /// A session-id for an MSRP URI: 20 characters, about 119 bits of randomness. RFC 4975 sections 6 and 14.1 ask for
    /// at least 80, because the URI is what keeps other parties out of the session.
    /// </summary>
    public static string NewSessionId() => RandomNumberGenerator.GetString(Alphanumerics, 20);

    /// <summary>A transaction id: 16 characters (an ident of 4 to 32, RFC 4975 section 9), unique per connection in practice.</summary>
    public static string NewTransactionId() => RandomNumberGenerator.GetString(Alphanumerics, 16);

    /// <summary>
    /// A transaction id whose end-line does not occur in <paramref name="body"/>, as RFC 4975 section 7.1 requires of a
    /// request before it is sent.
    /// </summary>
    public static string NewTransactionId(ReadOnlySpan<byte> body)
    {
        while (true)
        {
            var id = NewTransactionId();
            if (!MsrpMessageWriter.BodyHoldsEndLine(body, id))
            {
                return id;
            }
        }
    }

    /// <summary>A Message-ID (RFC 4975 section 7.1.1): 16 characters, the same on every chunk of the message.</summary>
    public static string NewMessageId() => RandomNumberGenerator.GetString(Alphanumerics, 16);
}
