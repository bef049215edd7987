using System.Text;
using FsCheck;
using FsCheck.Xunit;
using SimpleActors.Xcap.Operations;

namespace SimpleActors.Xcap.Tests.Operations;

/// <summary>Whatever a client sends, the XCAP core answers: never an exception, never a 5xx.</summary>
public sealed class XcapOperationPropertyTests
{
    private const string Doc = "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list name=\"a\"><entry uri=\"sip:b@example.com\"/></list></resource-lists>";

    [Property(MaxTest = 300)]
    public bool Random_bytes_as_a_document_element_or_attribute_body_are_a_4xx(byte[] body, byte target)
    {
        body ??= [];
        var (selector, type) = (target % 3) switch
        {
            0 => ((string?)null, "application/resource-lists+xml"),
            1 => ("resource-lists/list/entry[2]", XcapMediaTypes.Element),
            _ => ("resource-lists/list/@name", XcapMediaTypes.Attribute),
        };
        var server = new XcapServer(TestUsage.ResourceLists(), Doc);

        var response = server.SendBytes("PUT", selector, type, body);

        // Random bytes are very rarely a legal body; when they are (an attribute value), the answer is a 2xx.
        return response.StatusCode is >= 400 and < 500 || (response.StatusCode is 200 or 201 && target % 3 == 2);
    }

    [Property(MaxTest = 500)]
    public bool Random_text_as_a_request_uri_is_refused_with_a_4xx_or_answered(string path, string query, bool asNodeSelector)
    {
        path ??= string.Empty;
        var raw = asNodeSelector ? "/xcap-root/resource-lists/users/sip:joe@example.com/index/~~/" + path : path;
        if (!XcapUri.TryParse(raw, query, "/xcap-root", out var uri, out var error))
        {
            return error.StatusCode is 400 or 404 or 414;
        }

        if (uri.DocumentSelector.Auid != "resource-lists")
        {
            return true;
        }

        foreach (var method in new[] { "GET", "PUT", "DELETE" })
        {
            var request = new XcapRequest(method, uri) { ContentType = XcapMediaTypes.Element, Body = Encoding.UTF8.GetBytes("<entry uri=\"x\"/>") };
            var response = XcapOperation.Execute(request, new XcapStoredDocument(Encoding.UTF8.GetBytes(Doc), "e1"), TestUsage.ResourceLists(), "e2");
            if (response.StatusCode >= 500)
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 300)]
    public bool Random_selectors_built_from_selector_characters_never_throw(NonEmptyArray<byte> picks)
    {
        const string alphabet = "ab*[]@=\"'/:1&;#x~%2 ";
        var selector = new string(picks.Get.Select(b => alphabet[b % alphabet.Length]).ToArray());
        var raw = "/xcap-root/resource-lists/users/u/index/~~/resource-lists/" + selector;
        if (!XcapUri.TryParse(raw, "xmlns(x=urn:x)", "/xcap-root", out var uri, out var error))
        {
            return error.StatusCode is 400 or 404;
        }

        var response = XcapOperation.Execute(
            new XcapRequest("PUT", uri) { ContentType = XcapMediaTypes.Element, Body = "<a/>"u8.ToArray() },
            new XcapStoredDocument(Encoding.UTF8.GetBytes(Doc), "e1"),
            TestUsage.ResourceLists(),
            "e2");
        return response.StatusCode < 500;
    }
}
