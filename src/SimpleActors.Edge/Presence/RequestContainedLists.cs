using SimpleActors.Engine.Rls;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Presence;

/// <summary>
/// The resources of a request-contained list (RFC 5367 section 4): the SUBSCRIBE body's resource-lists document,
/// nested lists flattened, URIs canonical and each once, at most <see cref="ResourceListOptions.MaxResources"/> (413).
/// </summary>
public static class RequestContainedLists
{
    /// <summary>The resources and the list's name, or the refusal (status and reason).</summary>
    public static (IReadOnlyList<ListResource> Resources, string? Name, (int Status, string Reason)? Refusal) Read(SipRequest request, ResourceListOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        return ([], null, (501, "Request-contained lists are not served yet"));
    }
}
