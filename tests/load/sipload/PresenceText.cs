using System.Globalization;
using System.Text;

namespace SimpleActors.Load.SipLoad;

/// <summary>The requests and bodies the presence load tools send (lab mode: no authentication).</summary>
public static class PresenceText
{
    public const string Pidf = "application/pidf+xml";
    public const string PidfDiff = "application/pidf-diff+xml";

    /// <summary>A PIDF document of one tuple with a note.</summary>
    public static string PidfBody(string entity, string tupleId, string note) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"{entity}\"><tuple id=\"{tupleId}\"><status><basic>open</basic></status><note>{note}</note></tuple></presence>";

    /// <summary>An RFC 5262 pidf-diff that replaces the note of one tuple (partial publication, RFC 5264).</summary>
    public static string NoteDiffBody(string entity, uint version, string tupleId, string note) =>
        $"<p:pidf-diff xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:p=\"urn:ietf:params:xml:ns:pidf-diff\" entity=\"{entity}\" version=\"{version.ToString(CultureInfo.InvariantCulture)}\"><p:replace sel=\"presence/tuple[@id='{tupleId}']/note/text()\">{note}</p:replace></p:pidf-diff>";

    /// <summary>A request-contained list (RFC 5367, RFC 4826 section 3) of <paramref name="resources"/>.</summary>
    public static string ResourceListBody(IEnumerable<string> resources) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list>" +
        string.Concat(resources.Select(r => $"<entry uri=\"{r}\"/>")) + "</list></resource-lists>";

    /// <summary>A PUBLISH of the presence event (Expires 3600), a modify when <paramref name="ifMatch"/> is given.</summary>
    public static string Publish(SipParty.RequestLine line, string entity, string? ifMatch, string contentType, string body) =>
        Request("PUBLISH", entity, line, $"<{entity}>;tag=p{line.CallId}", $"<{entity}>",
            "Event: presence\r\nExpires: 3600\r\n" + (ifMatch is null ? string.Empty : $"SIP-If-Match: {ifMatch}\r\n"), contentType, body);

    /// <summary>A SUBSCRIBE to the presence event from <paramref name="from"/> with <paramref name="headers"/> (CRLF-ended lines) and an optional body.</summary>
    public static string Subscribe(
        SipParty.RequestLine line, string target, string from, string? toTag, int expires, string headers, string? contentType = null, string? body = null) =>
        Request("SUBSCRIBE", target, line, $"<{from}>;tag=s{line.CallId}", toTag is null ? $"<{target}>" : $"<{target}>;tag={toTag}",
            $"Event: presence\r\nExpires: {expires.ToString(CultureInfo.InvariantCulture)}\r\n" +
            $"Contact: <sip:{User(from)}@127.0.0.1:{line.Port.ToString(CultureInfo.InvariantCulture)}>\r\n{headers}",
            contentType, body);

    private static string User(string uri) => uri["sip:".Length..uri.IndexOf('@', StringComparison.Ordinal)];

    private static string Request(string method, string target, SipParty.RequestLine line, string from, string to, string headers, string? contentType, string? body)
    {
        var length = body is null ? 0 : Encoding.UTF8.GetByteCount(body);
        return $"{method} {target} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{line.Port.ToString(CultureInfo.InvariantCulture)};branch={line.Branch}\r\nMax-Forwards: 70\r\n" +
               $"From: {from}\r\nTo: {to}\r\nCall-ID: {line.CallId}\r\nCSeq: {line.CSeq.ToString(CultureInfo.InvariantCulture)} {method}\r\n{headers}" +
               (contentType is null ? string.Empty : $"Content-Type: {contentType}\r\n") + $"Content-Length: {length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n{body}";
    }
}
