using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Http;
using SimpleActors.Engine.Presence;
using SimpleActors.Engine.Xcap;
using SimpleActors.Sip.Message;
using SimpleActors.Xcap;
using SimpleActors.Xcap.Operations;
using SimpleActors.Xcap.Usages;

namespace SimpleActors.Edge.Xcap;

/// <summary>
/// The XCAP server's HTTP side (RFC 4825): every request under the XCAP root is parsed (<see cref="XcapUri"/>: 404 outside
/// the root or for an unknown application usage, 400 for a malformed node selector), authenticated (HTTP digest against the
/// SIP users, <see cref="HttpAuthentication"/>), authorized (a user's own tree only, the global tree as its usage says,
/// RFC 4825 section 5.7), and handed to the XcapDocument entity of its document, whose answer is written back. The
/// documents the server writes itself (xcap-caps, and each user's xcap-directory from its presentity's list) are answered here.
/// </summary>
public sealed partial class XcapEndpoint
{
    private readonly string root;
    private readonly Func<IActorRef> documents;
    private readonly Func<IActorRef> presentities;
    private readonly HttpAuthentication? authentication;
    private readonly EntityAsk asks;
    private readonly int maxBodySize;
    private readonly ILogger logger;
    private readonly (byte[] Body, string ETag) capabilities;

    /// <param name="root">The XCAP root's path, e.g. <c>/xcap-root</c>.</param>
    /// <param name="documents">The XcapDocument shard region.</param>
    /// <param name="presentities">The Presentity shard region (a user's directory of documents).</param>
    /// <param name="authentication">HTTP digest (and Basic over TLS) against the SIP users; null in lab mode (no authentication).</param>
    /// <param name="asks">How requests wait for their entity (time-out, overload).</param>
    /// <param name="maxBodySize">The largest body accepted; a larger one gets 413.</param>
    public XcapEndpoint(
        string root, Func<IActorRef> documents, Func<IActorRef> presentities, HttpAuthentication? authentication, EntityAsk asks, int maxBodySize,
        ILogger<XcapEndpoint> logger)
    {
        this.presentities = presentities;
        ArgumentNullException.ThrowIfNull(root);
        this.root = root.TrimEnd('/');
        this.documents = documents;
        this.authentication = authentication;
        this.asks = asks;
        this.maxBodySize = maxBodySize;
        this.logger = logger;
        var caps = Encoding.UTF8.GetBytes(XcapCapsDocument.Write(ApplicationUsages.All).ToString(System.Xml.Linq.SaveOptions.DisableFormatting));
        capabilities = (caps, Convert.ToHexStringLower(SHA256.HashData(caps).AsSpan(0, 12)));
    }

    /// <summary>The XCAP root's path.</summary>
    public string Root => root;

    /// <summary>Answers one HTTP request under the root.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var response = context.Response;
        var target = HttpAuthentication.RequestTarget(context);
        if (!XcapUri.TryParseTarget(target, root, out var uri, out var invalid))
        {
            LogRefused(request.Method, target, invalid.StatusCode, invalid.Reason);
            await WriteAsync(response, invalid.StatusCode, "text/plain", Encoding.UTF8.GetBytes(invalid.Reason + "\n"), null, null).ConfigureAwait(false);
            return;
        }

        var selector = uri.DocumentSelector;
        if ((authentication is null ? LabUser(selector) : await authentication.AuthenticateAsync(context).ConfigureAwait(false)) is not { } user)
        {
            return; // answered: 401 with the challenges, or 400
        }

        if (ApplicationUsages.Find(selector.Auid) is not { } usage)
        {
            await WriteAsync(response, 404, "text/plain", "no such application usage\n"u8.ToArray(), null, null).ConfigureAwait(false);
            return;
        }

        if (Refusal(selector, usage, user, request.Method) is { } refusal)
        {
            LogRefused(request.Method, target, refusal.Status, refusal.Reason);
            await WriteAsync(response, refusal.Status, "text/plain", Encoding.UTF8.GetBytes(refusal.Reason + "\n"), null, refusal.Allow).ConfigureAwait(false);
            return;
        }

        if (usage.Auid == XcapCapsUsage.Instance.Auid)
        {
            await CapabilitiesAsync(context, uri).ConfigureAwait(false);
            return;
        }

        if (usage.Auid == XcapDirectoryUsage.Instance.Auid)
        {
            await DirectoryAsync(context, uri, usage).ConfigureAwait(false);
            return;
        }

        if (await BodyAsync(request).ConfigureAwait(false) is not { } body)
        {
            await WriteAsync(response, 413, "text/plain", "body too large\n"u8.ToArray(), null, null).ConfigureAwait(false);
            return;
        }

        var command = new XcapDocumentRequest(
            selector.ToString(), request.Method, target, request.ContentType, body, Header(request, "If-Match"), Header(request, "If-None-Match"), user,
            RootUri(request));
        XcapDocumentAnswer answer;
        try
        {
            answer = await asks.AskAsync<XcapDocumentAnswer>(documents(), command, command).ConfigureAwait(false);
        }
        catch (EntityUnavailableException e)
        {
            LogUnavailable(request.Method, target, e.Message);
            response.Headers.RetryAfter = "5";
            await WriteAsync(response, 503, "text/plain", "document unavailable, try again\n"u8.ToArray(), null, null).ConfigureAwait(false);
            return;
        }

        LogAnswered(request.Method, target, user, answer.Status);
        await WriteAsync(response, answer.Status, answer.ContentType, answer.Body, answer.ETag, answer.Allow).ConfigureAwait(false);
    }

    /// <summary>
    /// Who may do what (RFC 4825 section 5.7): a user reads and writes only its own tree (the XUI is its AOR); the global
    /// tree as its usage says; documents the server writes only take GET and HEAD (405 with <c>Allow: GET, HEAD</c>).
    /// </summary>
    internal static (int Status, string Reason, string? Allow)? Refusal(XcapDocumentSelector selector, IApplicationUsage usage, string user, string method)
    {
        if (selector.Xui is { } xui)
        {
            if (!usage.AllowsUserTree)
            {
                return (404, $"{usage.Auid} has no user documents", null);
            }

            if (!SameUser(xui, user))
            {
                return (403, "a user's documents are its own", null);
            }
        }
        else
        {
            switch (usage.GlobalTree)
            {
                case GlobalAccess.None:
                    return (404, $"{usage.Auid} has no global documents", null);
                case GlobalAccess.ReadByPrivileged:
                    return (403, $"the global {usage.Auid} document is for the server's own services", null);
            }
        }

        if (usage.ServerWritten && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            return (405, $"{usage.Auid} documents are written by the server", "GET, HEAD");
        }

        return null;
    }

    /// <summary>The XUI names the authenticated user (both SIP AORs, compared as AORs: the host case-insensitively, RFC 3261 section 19.1.4).</summary>
    internal static bool SameUser(string xui, string user) =>
        SipUri.TryParse(xui, out var named) && named.IsSip && SipUri.TryParse(user, out var authenticated)
        && string.Equals(named.AorString, authenticated.AorString, StringComparison.Ordinal);

    private async Task CapabilitiesAsync(HttpContext context, XcapUri uri)
    {
        var (body, etag) = capabilities;
        if (uri.DocumentSelector.DocumentPath != "index")
        {
            await WriteAsync(context.Response, 404, "text/plain", "no such document\n"u8.ToArray(), null, null).ConfigureAwait(false);
            return;
        }

        var answer = XcapOperation.Execute(
            new XcapRequest(context.Request.Method, uri)
            {
                IfMatch = Header(context.Request, "If-Match"), IfNoneMatch = Header(context.Request, "If-None-Match"), XcapRootUrl = RootUri(context.Request),
            },
            new XcapStoredDocument(body, etag), XcapCapsUsage.Instance, etag);
        await WriteAsync(context.Response, answer.StatusCode, answer.ContentType, answer.Body.ToArray(), answer.ETag, answer.Allow).ConfigureAwait(false);
    }

    /// <summary>
    /// The user's XCAP directory (OMA XDM's xcap-directory): every document of its tree with its URI and entity tag, as its
    /// presentity lists them (each document tells it of every change before its answer goes out).
    /// </summary>
    private async Task DirectoryAsync(HttpContext context, XcapUri uri, IApplicationUsage usage)
    {
        var selector = uri.DocumentSelector;
        if (selector.DocumentPath != usage.DefaultDocumentName || !SipUri.TryParse(selector.Xui!, out var owner) || owner.User is null)
        {
            await WriteAsync(context.Response, 404, "text/plain", "no such document\n"u8.ToArray(), null, null).ConfigureAwait(false);
            return;
        }

        OwnerDocumentList list;
        try
        {
            var query = new Engine.Presence.GetOwnerDocuments(owner.AorString);
            list = await asks.AskAsync<OwnerDocumentList>(presentities(), query, query).ConfigureAwait(false);
        }
        catch (EntityUnavailableException e)
        {
            LogUnavailable(context.Request.Method, selector.ToString(), e.Message);
            context.Response.Headers.RetryAfter = "5";
            await WriteAsync(context.Response, 503, "text/plain", "directory unavailable, try again\n"u8.ToArray(), null, null).ConfigureAwait(false);
            return;
        }

        var rootUri = RootUri(context.Request);
        var entries = new List<(string Auid, string Uri, string ETag)>();
        foreach (var document in list.Documents)
        {
            if (document.ETag is not null && XcapDocumentSelector.TryParse(document.Selector, out var listed))
            {
                entries.Add((listed.Auid, XcapUri.DocumentUri(rootUri, listed), document.ETag));
            }
        }

        var body = Encoding.UTF8.GetBytes(XcapDirectoryDocument.Write(entries).ToString(System.Xml.Linq.SaveOptions.DisableFormatting));
        var etag = Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12));
        var answer = XcapOperation.Execute(
            new XcapRequest(context.Request.Method, uri)
            {
                IfMatch = Header(context.Request, "If-Match"), IfNoneMatch = Header(context.Request, "If-None-Match"), XcapRootUrl = rootUri,
            },
            new XcapStoredDocument(body, etag), usage, etag);
        await WriteAsync(context.Response, answer.StatusCode, answer.ContentType, answer.Body.ToArray(), answer.ETag, answer.Allow).ConfigureAwait(false);
    }

    private async Task<byte[]?> BodyAsync(HttpRequest request)
    {
        if (request.ContentLength > maxBodySize)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBodySize)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Lab mode (<c>Auth:Enabled</c> false, as for SIP): nobody authenticates, and a request acts as the user whose tree it
    /// names (the global tree as anybody).
    /// </summary>
    private static string? LabUser(XcapDocumentSelector selector) => selector.Xui ?? "sip:anonymous@anonymous.invalid";

    private string RootUri(HttpRequest request) => $"{request.Scheme}://{request.Host}{root}";

    private static string? Header(HttpRequest request, string name) => request.Headers.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;

    private static async Task WriteAsync(HttpResponse response, int status, string? contentType, byte[] body, string? etag, string? allow)
    {
        response.StatusCode = status;
        if (etag is not null)
        {
            response.Headers.ETag = $"\"{etag}\"";
        }

        if (allow is not null)
        {
            response.Headers.Allow = allow;
        }

        if (body.Length > 0)
        {
            response.ContentType = contentType;
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body).ConfigureAwait(false);
        }
        else
        {
            response.ContentLength = 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "XCAP {Method} {Target} refused: {Status} {Reason}")]
    private partial void LogRefused(string method, string target, int status, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "XCAP {Method} {Target}: document unavailable ({Reason})")]
    private partial void LogUnavailable(string method, string target, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "XCAP {Method} {Target} by {User} -> {Status}")]
    private partial void LogAnswered(string method, string target, string user, int status);
}
