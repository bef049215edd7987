using SimpleActors.Engine.Rls;
using SimpleActors.Sip.Message;
using SimpleActors.Xcap.Rls;

namespace SimpleActors.Edge.Presence;

/// <summary>
/// The resources of a request-contained list (RFC 5367 section 4): the SUBSCRIBE body's resource-lists document, its
/// lists as one, nested lists flattened, URIs canonical and each once, at most <see cref="ResourceListOptions.MaxResources"/>
/// (413). References into XCAP documents are not followed in a request's list (docs/presence.md, "Resource lists").
/// </summary>
public static class RequestContainedLists
{
    /// <summary>The resources and the list's name, or the refusal (status and reason).</summary>
    public static (IReadOnlyList<ListResource> Resources, string? Name, (int Status, string Reason)? Refusal) Read(SipRequest request, ResourceListOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var list = RequestContainedList.Read(
                request.Body.Span, request.ContentType?.ToString(), request.Headers.GetFirstValue(KnownHeader.ContentDisposition));
            return ResourceListResolver.Resolve(list, null, new ResourceListResolverOptions { MaxEntries = options.MaxResources }) switch
            {
                ResolvedList resolved => ([.. resolved.Entries.Select(e => new ListResource(e.Uri, e.DisplayName))], resolved.DisplayName, null),
                TooManyListEntries too => ([], null, (413, $"A list may name at most {too.MaxEntries} resources")),
                _ => ([], null, (400, "Unreadable resource list")),
            };
        }
        catch (ResourceListException e)
        {
            return ([], null, (e.StatusCode, e.Message));
        }
    }
}
