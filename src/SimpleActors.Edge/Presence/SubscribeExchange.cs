using System.Globalization;
using SimpleActors.Engine.Subscription;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Presence;

/// <summary>The translation between a SUBSCRIBE and the Subscription entity's command and reply (RFC 6665 section 4.2.1).</summary>
public static class SubscribeExchange
{
    /// <summary>The command; <paramref name="subscriptionId"/> is a new To-tag for an initial SUBSCRIBE, the request's own otherwise.</summary>
    public static Subscribe ToCommand(
        SipRequest request, string subscriptionId, string presentity, string package, SipFlow flow, string? identity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var from = request.From!;
        return new Subscribe(
            subscriptionId,
            presentity,
            request.Event?.Id,
            from.Uri.ToAor().ToString(),
            from.Tag ?? string.Empty,
            request.CallId!,
            request.CSeq!.Number,
            request.Contacts is [{ Address: { } contact }, ..] ? contact.Uri.ToString() : string.Empty,
            [.. request.RecordRoutes.Select(r => r.ToString())],
            flow,
            request.Expires,
            request.To!.Tag is null,
            identity,
            now,
            package)
        {
            Partial = EventPackages.Get(package).PartialContentType is { } partial && ListsExactly(request.Accept, partial),
        };
    }

    /// <summary>
    /// RFC 5263 section 3: partial notification only for a watcher that names pidf-diff; a wildcard says only that it takes
    /// anything, which plain PIDF satisfies.
    /// </summary>
    private static bool ListsExactly(IReadOnlyList<MediaType> accept, string contentType) =>
        accept.Any(a => string.Equals(a.Essence, contentType, StringComparison.OrdinalIgnoreCase) && a.Q is not 0m);

    /// <summary>
    /// The response with our To-tag: on 2xx the granted Expires, our Contact and the Record-Route of the request
    /// (RFC 6665 section 4.2.1.1, RFC 3261 section 12.1.1); on 423 Min-Expires.
    /// </summary>
    public static SipResponse ToResponse(SipRequest request, SubscribeResult result, string toTag, string ourContact)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        var response = SipResponse.CreateFor(request, result.StatusCode, result.Reason, toTag);
        if (result.StatusCode == 423 && result.MinExpires is { } min)
        {
            response.Headers.Add(KnownHeader.MinExpires, min.ToString(CultureInfo.InvariantCulture));
        }

        if (result.IsSuccess)
        {
            if (result.EventList)
            {
                response.Headers.Add(KnownHeader.Require, NotifyRequest.EventList); // RFC 4662 section 4.5
            }

            response.Headers.Add(KnownHeader.Expires, result.Expires.ToString(CultureInfo.InvariantCulture));
            response.Headers.Add(KnownHeader.Contact, ourContact);
            foreach (var recordRoute in request.Headers.GetValues(KnownHeader.RecordRoute))
            {
                response.Headers.Add(KnownHeader.RecordRoute, recordRoute);
            }
        }

        return response;
    }
}
