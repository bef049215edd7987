using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SimpleActors.Edge.Proxy;
using SimpleActors.Edge.Transactions;
using SimpleActors.Engine.Rls;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Presence;

/// <summary>
/// Sends the back-end SUBSCRIBEs of list subscriptions (RFC 4662 section 4.2) to other domains and turns the final
/// response into a <see cref="BackendResponse"/>. Where a request goes (<see cref="DestinationAsync"/>): its first Route
/// (the configured outbound proxy, or the dialog's route set), else its Request-URI; of that URI, its host when it is
/// an IP address, else the host's A (and AAAA) records at the URI's port or the transport's default (RFC 3263 section
/// 4.2 without NAPTR and SRV lookups: a domain that publishes only SRV records needs the outbound proxy).
/// </summary>
public static class BackendRequests
{
    /// <summary>Resolves a host name to addresses (System.Net.Dns by default; tests give their own).</summary>
    public delegate Task<IPAddress[]> Resolve(string host, CancellationToken ct);

    public static readonly Resolve Dns = (host, ct) => System.Net.Dns.GetHostAddressesAsync(host, ct);

    /// <summary>Sends <paramref name="send"/> with our Via and Contact in a client transaction; the answer for the list subscription.</summary>
    public static async Task<BackendResponse> SendAsync(
        SendBackendRequest send, TransactionLayer transactions, Func<SipTransport, ViaHeader> ourVia, Resolve resolve, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(transactions);
        var request = send.Request.ToSipRequest();
        SipDestination? destination;
        try
        {
            destination = await DestinationAsync(request, resolve, ct).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            return Failed(send, 503, "No address: " + e.SocketErrorCode);
        }

        if (destination is null)
        {
            return Failed(send, 503, "No address for the next hop");
        }

        DialogRequestActor.Stamp(request, destination.Transport, ourVia, withContact: true);
        try
        {
            return Of(send, await transactions.SendRequestAsync(request, destination, ct: ct).ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(send, 503, e.Message);
        }
    }

    /// <summary>Where the request goes: the first Route, else the Request-URI, by address or by the host's A records.</summary>
    public static async Task<SipDestination?> DestinationAsync(SipRequest request, Resolve resolve, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(resolve);
        var next = request.Routes is [var first, ..] ? first.Uri : request.RequestUri;
        if (ForwardedRequest.AddressOf(next) is { } address)
        {
            return address;
        }

        var addresses = await resolve(next.Host, ct).ConfigureAwait(false);
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
        if (chosen is null)
        {
            return null;
        }

        var transport = next.Transport is { } name && SipTransportExtensions.TryParseViaName(name, out var parsed)
            ? parsed
            : next.IsSecure ? SipTransport.Tls : SipTransport.Udp;
        return new SipDestination(transport, new IPEndPoint(chosen, next.Port ?? transport.DefaultPort()));
    }

    /// <summary>The response as the list subscription takes it (RFC 3261 section 12.1.2: To-tag, Contact, Record-Route; Expires, Min-Expires, Retry-After).</summary>
    public static BackendResponse Of(SendBackendRequest send, SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(response);
        return new BackendResponse(
            TagOf(send), send.Request.CallId, send.Request.CSeq, response.StatusCode, response.ReasonPhrase, response.To?.Tag,
            response.Contacts is [{ Address: { } contact }, ..] ? contact.Uri.ToString() : null,
            [.. response.RecordRoutes.Select(r => r.ToString())],
            Safe(() => response.Expires), Safe(() => response.MinExpires), RetryAfterOf(response));
    }

    private static BackendResponse Failed(SendBackendRequest send, int status, string reason) =>
        new(TagOf(send), send.Request.CallId, send.Request.CSeq, status, reason, null, null, [], null, null, null);

    private static string TagOf(SendBackendRequest send) => NameAddress.Parse(send.Request.From).Tag ?? string.Empty;

    private static int? Safe(Func<int?> read)
    {
        try
        {
            return read();
        }
        catch (SipParseException)
        {
            return null;
        }
    }

    /// <summary>Retry-After's delta-seconds (RFC 3261 section 20.33), without its comment and parameters.</summary>
    private static int? RetryAfterOf(SipResponse response)
    {
        var value = response.Headers.GetFirstValue(KnownHeader.RetryAfter);
        var digits = value?.TrimStart().TakeWhile(char.IsAsciiDigit).ToArray();
        return digits is { Length: > 0 and < 10 } ? int.Parse(digits, CultureInfo.InvariantCulture) : null;
    }
}
