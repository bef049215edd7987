using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Channels;
using SimpleActors.Sip.Auth;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Integration.Tests;

/// <summary>
/// A minimal SIP user agent over a real UDP socket, TCP or TLS connection or WebSocket (RFC 7118: one message per
/// WebSocket message, a <c>.invalid</c> host in its Via and Contact), written from RFC 3261 for the tests:
/// it sends requests (retransmitting over UDP), answers digest challenges, receives the requests the
/// server sends it and answers them. A retransmitted request is absorbed as a UAS's server transaction does
/// (RFC 3261 section 17.2.1): not delivered again, and answered again with the answer already given, if any.
/// </summary>
public sealed class TestPhone : IAsyncDisposable
{
    private readonly Socket? socket;
    private readonly Stream? stream;
    private readonly WebSocket? webSocket;
    private readonly IPEndPoint server;
    private readonly string transport;
    private readonly bool tcp;
    private readonly string invalidHost = Guid.NewGuid().ToString("N")[..12] + ".invalid";
    private readonly Dictionary<string, TaskCompletionSource<SipResponse>> pending = [];
    private readonly Channel<SipRequest> requests = Channel.CreateUnbounded<SipRequest>();
    private readonly CancellationTokenSource stop = new();
    private readonly SemaphoreSlim writeLock = new(1, 1);

    // Requests received, by top Via branch and method, with the answer given (null until answered).
    private readonly Dictionary<(string Branch, string Method), byte[]?> received = [];
    private int cseq;

    private TestPhone(string aor, Socket? socket, IPEndPoint server, string transport, Stream? stream = null, WebSocket? webSocket = null)
    {
        Aor = aor;
        this.socket = socket;
        this.stream = stream;
        this.webSocket = webSocket;
        this.server = server;
        this.transport = transport;
        tcp = transport != "UDP"; // reliable: no retransmissions, answers over the connection
        Local = (IPEndPoint?)socket?.LocalEndPoint ?? new IPEndPoint(IPAddress.Loopback, 0);
        CallId = Guid.NewGuid().ToString("N") + "@127.0.0.1";
        _ = Task.Run(ReceiveLoopAsync);
    }

    public string Aor { get; }

    public IPEndPoint Local { get; }

    public string CallId { get; }

    public string User => SipUri.Parse(Aor).User!;

    public string Transport => transport;

    private bool IsWebSocket => webSocket is not null;

    /// <summary>Our address in Via and Contact: the socket's, or for a WebSocket client a <c>.invalid</c> host (RFC 7118 section 5).</summary>
    private string SentBy => IsWebSocket ? invalidHost : $"{Local.Address}:{Local.Port}";

    public string ContactUri => $"sip:{User}@{SentBy}" + (tcp ? ";transport=" + transport.ToLowerInvariant() : string.Empty);

    public static TestPhone Udp(string aor, IPEndPoint server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return new TestPhone(aor, socket, server, "UDP");
    }

    public static async Task<TestPhone> TcpAsync(string aor, IPEndPoint server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server);
        return new TestPhone(aor, socket, server, "TCP", new NetworkStream(socket, ownsSocket: false));
    }

    /// <summary>Over TLS (RFC 3261 section 26), trusting the certificate authority in <paramref name="caFile"/> (the node's development one).</summary>
    public static async Task<TestPhone> TlsAsync(string aor, IPEndPoint server, string caFile)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server);
        var tls = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            CertificateChainPolicy = TrustOnly(caFile),
        });
        return new TestPhone(aor, socket, server, "TLS", tls);
    }

    /// <summary>
    /// Over a WebSocket with the <c>sip</c> subprotocol (RFC 7118): <c>ws://</c>, or with <paramref name="caFile"/> (the
    /// authority to trust) <c>wss://</c>.
    /// </summary>
    public static async Task<TestPhone> WebSocketAsync(string aor, IPEndPoint server, string? caFile = null)
    {
        var client = new ClientWebSocket();
        client.Options.AddSubProtocol("sip");
        if (caFile is not null)
        {
            var policy = TrustOnly(caFile);
            client.Options.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain { ChainPolicy = policy };
                return certificate is X509Certificate2 presented && chain.Build(presented);
            };
        }

        await client.ConnectAsync(new Uri($"{(caFile is null ? "ws" : "wss")}://{server}/"), CancellationToken.None);
        return new TestPhone(aor, null, server, caFile is null ? "WS" : "WSS", webSocket: client);
    }

    /// <summary>A chain policy that trusts <paramref name="caFile"/> alone (no revocation: a development authority has no CRL).</summary>
    private static X509ChainPolicy TrustOnly(string caFile)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(File.ReadAllText(caFile)));
        return policy;
    }

    /// <summary>Sends a request built from the parts and waits for its final response (answering one digest challenge).</summary>
    public async Task<SipResponse> RequestAsync(
        string method, string requestUri, string to, string? body = null, string? password = null, params string[] extraHeaders)
    {
        var response = await SendAsync(Build(method, requestUri, to, body, extraHeaders, null));
        if (response.StatusCode is 401 or 407 && password is not null)
        {
            var header = response.StatusCode == 401 ? "Authorization" : "Proxy-Authorization";
            var challenges = response.StatusCode == 401 ? response.WwwAuthenticate : response.ProxyAuthenticate;
            var challenge = challenges[0];
            var credentials = Answer(challenge, method, requestUri, password);
            response = await SendAsync(Build(method, requestUri, to, body, extraHeaders, $"{header}: {credentials}"));
        }

        return response;
    }

    public Task<SipResponse> RegisterAsync(string? password, int expires = 3600, string? contact = null)
        => RequestAsync("REGISTER", "sip:example.com", $"<{Aor}>", null, password,
            $"Contact: <{contact ?? ContactUri}>", $"Expires: {expires.ToString(CultureInfo.InvariantCulture)}");

    public Task<SipResponse> MessageAsync(string to, string text, string? password = null)
        => RequestAsync("MESSAGE", to, $"<{to}>", text, password, "Content-Type: text/plain");

    /// <summary>The next request the server sent to this phone.</summary>
    public async Task<SipRequest> NextRequestAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestNode.Timeout);
        return await requests.Reader.ReadAsync(cts.Token);
    }

    /// <summary>True if no request arrives within <paramref name="wait"/>.</summary>
    public async Task<bool> NoRequestWithinAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        try
        {
            await requests.Reader.WaitToReadAsync(cts.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>
    /// Answers a request: over TCP on the connection, over UDP to the top Via's address (RFC 3261 section
    /// 18.2.2), which is the node that sent it.
    /// </summary>
    public Task ReplyAsync(SipRequest request, int status)
    {
        var bytes = SipMessageWriter.ToBytes(SipResponse.CreateFor(request, status, toTag: "phone" + User));
        lock (received)
        {
            received[KeyOf(request)] = bytes;
        }

        return Answer(request, bytes);
    }

    private Task Answer(SipRequest request, byte[] bytes) =>
        tcp ? WriteAsync(bytes) : WriteAsync(bytes, ViaReceived.ResponseAddress(request.TopVia!) ?? server);

    private static (string, string) KeyOf(SipRequest request) => (request.TopVia?.Branch ?? string.Empty, request.Method.ToString());

    public Task SendRawAsync(byte[] bytes) => WriteAsync(bytes);

    private string Build(string method, string requestUri, string to, string? body, string[] extraHeaders, string? authorization)
    {
        var n = Interlocked.Increment(ref cseq);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {requestUri} SIP/2.0\r\n")
            .Append(CultureInfo.InvariantCulture, $"Via: SIP/2.0/{Transport} {SentBy};branch={BranchId.New()};rport\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append(CultureInfo.InvariantCulture, $"To: {to}\r\n")
            .Append(CultureInfo.InvariantCulture, $"From: <{Aor}>;tag=t{User}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Call-ID: {CallId}\r\n")
            .Append(CultureInfo.InvariantCulture, $"CSeq: {n} {method}\r\n");
        foreach (var header in extraHeaders)
        {
            text.Append(header).Append("\r\n");
        }

        if (authorization is not null)
        {
            text.Append(authorization).Append("\r\n");
        }

        var bytes = body is null ? 0 : Encoding.UTF8.GetByteCount(body);
        text.Append(CultureInfo.InvariantCulture, $"Content-Length: {bytes}\r\n\r\n").Append(body);
        return text.ToString();
    }

    private string Answer(AuthChallenge challenge, string method, string uri, string password)
    {
        var algorithm = DigestAlgorithm.TryParse(challenge.Algorithm, out var offered) ? offered : DigestAlgorithm.Md5;
        var cnonce = Guid.NewGuid().ToString("N")[..16];
        var response = DigestCalculator.ClientResponse(algorithm, User, challenge.Realm!, password, method, uri, challenge.Nonce!, "auth", "00000001", cnonce);
        return $"Digest username=\"{User}\", realm=\"{challenge.Realm}\", nonce=\"{challenge.Nonce}\", uri=\"{uri}\", " +
               $"response=\"{response}\", algorithm={algorithm.Name}, qop=auth, nc=00000001, cnonce=\"{cnonce}\"";
    }

    private async Task<SipResponse> SendAsync(string text)
    {
        var request = (SipRequest)new SipParser().Parse(Encoding.UTF8.GetBytes(text));
        var branch = request.TopVia!.Branch!;
        var done = new TaskCompletionSource<SipResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (pending)
        {
            pending[branch] = done;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var deadline = DateTime.UtcNow + TestNode.Timeout;
        var interval = TimeSpan.FromMilliseconds(500);
        await WriteAsync(bytes);
        while (!done.Task.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no final response to {request.Method} {request.CallId}");
            }

            await Task.WhenAny(done.Task, Task.Delay(interval));
            if (!done.Task.IsCompleted && !tcp)
            {
                await WriteAsync(bytes); // Timer E (RFC 3261 section 17.1.2.2)
                interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, TimeSpan.FromSeconds(4).Ticks));
            }
        }

        return await done.Task;
    }

    private async Task WriteAsync(byte[] bytes, IPEndPoint? to = null)
    {
        await writeLock.WaitAsync();
        try
        {
            if (webSocket is not null)
            {
                await webSocket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
            else if (stream is not null)
            {
                await stream.WriteAsync(bytes);
                await stream.FlushAsync();
            }
            else
            {
                await socket!.SendToAsync(bytes, to ?? server);
            }
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var parser = new SipParser();
        var buffer = new byte[65536];
        var stream = new List<byte>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (webSocket is not null)
                {
                    var length = 0;
                    ValueWebSocketReceiveResult result;
                    do
                    {
                        result = await webSocket.ReceiveAsync(buffer.AsMemory(length), stop.Token);
                        length += result.Count;
                    }
                    while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    Dispatch(parser.ParseDatagram(buffer.AsSpan(0, length))); // RFC 7118 section 4.2: one message per WebSocket message
                    continue;
                }

                var n = this.stream is not null
                    ? await this.stream.ReadAsync(buffer, stop.Token)
                    : await socket!.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                if (n == 0)
                {
                    return;
                }

                if (!tcp)
                {
                    Dispatch(parser.ParseDatagram(buffer.AsSpan(0, n)));
                    continue;
                }

                stream.AddRange(buffer.AsSpan(0, n).ToArray());
                var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(stream.ToArray()));
                while (parser.TryReadFrame(ref reader, out var message) is var frame && frame != SipFrame.Incomplete)
                {
                    Dispatch(message);
                }

                stream.RemoveRange(0, (int)reader.Consumed);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException or WebSocketException)
        {
            // Closed.
        }
    }

    /// <summary>What arrived, in order: <c>"200 SUBSCRIBE"</c> for a final response, <c>"NOTIFY"</c> for a request (retransmissions included).</summary>
    public IReadOnlyList<string> Arrivals
    {
        get
        {
            lock (arrivals)
            {
                return [.. arrivals];
            }
        }
    }

    private readonly List<string> arrivals = [];

    private void Dispatch(SipMessage? message)
    {
        lock (arrivals)
        {
            switch (message)
            {
                case SipResponse { StatusCode: >= 200 } final:
                    arrivals.Add($"{final.StatusCode} {final.CSeq?.Method}");
                    break;
                case SipRequest arrived:
                    arrivals.Add(arrived.Method);
                    break;
            }
        }

        switch (message)
        {
            case SipResponse response when response.StatusCode >= 200:
                TaskCompletionSource<SipResponse>? done;
                lock (pending)
                {
                    pending.Remove(response.TopVia?.Branch ?? string.Empty, out done);
                }

                done?.TrySetResult(response);
                break;
            case SipRequest request:
                byte[]? answer = null;
                bool again;
                lock (received)
                {
                    again = received.TryGetValue(KeyOf(request), out answer);
                    if (!again)
                    {
                        received[KeyOf(request)] = null;
                    }
                }

                if (!again)
                {
                    requests.Writer.TryWrite(request);
                }
                else if (answer is not null)
                {
                    _ = Answer(request, answer);
                }

                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (stream is not null)
        {
            await stream.DisposeAsync();
        }

        webSocket?.Abort();
        webSocket?.Dispose();
        socket?.Dispose();
        stop.Dispose();
        writeLock.Dispose();
    }
}
