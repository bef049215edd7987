using System.Text;
using SimpleActors.Xcap.Operations;
using SimpleActors.Xcap.Usages;

namespace SimpleActors.Xcap.Tests;

/// <summary>
/// A one-document XCAP server for the tests: parses the URI as the edge would, runs <see cref="XcapOperation.Execute"/>, and
/// persists the change with etags e1, e2, ... as the event-sourced entity would.
/// </summary>
internal sealed class XcapServer(IApplicationUsage usage, string? document = null)
{
    public const string RootPath = "/xcap-root";
    public const string RootUrl = "http://xcap.example.com/xcap-root";
    public const string Joe = "sip:joe@example.com";

    private int _etags = document is null ? 0 : 1;

    public XcapStoredDocument? Current { get; private set; } = document is null ? null : new(Encoding.UTF8.GetBytes(document), "e1");

    public string? Text => Current is null ? null : Encoding.UTF8.GetString(Current.Content.Span);

    /// <summary>The path of Joe's index document of the usage, after the root.</summary>
    public string DocumentPath => $"{usage.Auid}/users/{Joe}/index";

    /// <summary>Percent-encodes what clients encode in a node selector: quotes, brackets, spaces.</summary>
    public static string Encode(string selector) => selector
        .Replace("\"", "%22", StringComparison.Ordinal).Replace("[", "%5B", StringComparison.Ordinal)
        .Replace("]", "%5D", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal);

    public XcapResponse Send(
        string method,
        string? nodeSelector = null,
        string? contentType = null,
        string? body = null,
        string? query = null,
        string? ifMatch = null,
        string? ifNoneMatch = null) =>
        SendBytes(method, nodeSelector, contentType, body is null ? [] : Encoding.UTF8.GetBytes(body), query, ifMatch, ifNoneMatch);

    public XcapResponse SendBytes(
        string method,
        string? nodeSelector,
        string? contentType,
        byte[] body,
        string? query = null,
        string? ifMatch = null,
        string? ifNoneMatch = null)
    {
        var path = $"{RootPath}/{DocumentPath}" + (nodeSelector is null ? string.Empty : "/~~/" + Encode(nodeSelector));
        var uri = XcapUri.Parse(path, query, RootPath);
        var request = new XcapRequest(method, uri)
        {
            ContentType = contentType,
            Body = body,
            IfMatch = ifMatch,
            IfNoneMatch = ifNoneMatch,
            XcapRootUrl = RootUrl,
        };
        var next = $"e{_etags + 1}";
        var response = XcapOperation.Execute(request, Current, usage, next);
        switch (response.Change.Kind)
        {
            case XcapChangeKind.Written:
                _etags++;
                Current = new XcapStoredDocument(response.Change.Content.ToArray(), next);
                break;
            case XcapChangeKind.Deleted:
                _etags++;
                Current = null;
                break;
        }

        return response;
    }

    public XcapResponse PutElement(string nodeSelector, string body, string? query = null) =>
        Send("PUT", nodeSelector, XcapMediaTypes.Element, body, query);

    public XcapResponse PutAttribute(string nodeSelector, string value, string? query = null) =>
        Send("PUT", nodeSelector, XcapMediaTypes.Attribute, value, query);

    public XcapResponse PutDocument(string body) => Send("PUT", null, usage.MimeType, body);

    public XcapResponse Get(string? nodeSelector = null, string? query = null) => Send("GET", nodeSelector, query: query);

    public XcapResponse Delete(string? nodeSelector = null, string? query = null) => Send("DELETE", nodeSelector, query: query);
}
