using System.Globalization;
using SimpleActors.Engine.Presence;
using SimpleActors.Presence;
using SimpleActors.Sip.Message;

namespace SimpleActors.Edge.Presence;

/// <summary>The translation between a PUBLISH and the Presentity entity's command and reply (RFC 3903 section 6).</summary>
public static class PublishExchange
{
    /// <summary>
    /// The command for a PUBLISH that passed routing and authentication, or the 400 its body earns: a document that
    /// is not valid PIDF (RFC 3863), or pidf-diff (RFC 5262) for <c>application/pidf-diff+xml</c>, is refused before it
    /// reaches the entity, with the reason. A pidf-diff is applied by the entity, to the publication it names (RFC 5264).
    /// </summary>
    public static (Publish? Command, SipResponse? Refusal) ToCommand(
        SipRequest request, string aor, string? identity, string newETag, DateTimeOffset now, PresenceLimits limits, string toTag)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[]? body = null;
        string? contentType = null;
        if (!request.Body.IsEmpty)
        {
            try
            {
                if (string.Equals(request.ContentType?.Essence, SimpleActors.Presence.PidfDiff.PidfDiff.ContentType, StringComparison.OrdinalIgnoreCase))
                {
                    _ = SimpleActors.Presence.PidfDiff.PidfDiff.Parse(request.Body.Span, limits);
                }
                else
                {
                    _ = Pidf.Parse(request.Body.Span, limits);
                }
            }
            catch (PresenceDocumentException e)
            {
                return (null, SipResponse.CreateFor(request, 400, e.Reason, toTag));
            }

            body = request.Body.ToArray();
            contentType = request.ContentType!.ToString();
        }

        var command = new Publish(
            aor, request.SipIfMatch, request.Expires, contentType, body, newETag, request.CallId!, request.CSeq!.Number, identity, now);
        return (command, null);
    }

    /// <summary>
    /// The response: on 2xx the new SIP-ETag (RFC 3903 section 11.3.1) and Expires (section 6 step 7; a removal has no
    /// entity-tag), on 423 Min-Expires, the patch-ops-error document of a failed partial publication (RFC 5261 section 5),
    /// otherwise the status alone.
    /// </summary>
    public static SipResponse ToResponse(SipRequest request, PublishResult result, string toTag)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        var response = SipResponse.CreateFor(request, result.StatusCode, result.Reason, toTag);
        if (result.StatusCode == 423 && result.MinExpires is { } minExpires)
        {
            response.Headers.Add(KnownHeader.MinExpires, minExpires.ToString(CultureInfo.InvariantCulture));
        }

        if (result.IsSuccess)
        {
            if (result.ETag is { } etag)
            {
                response.Headers.Add(KnownHeader.SipETag, etag);
            }

            response.Headers.Add(KnownHeader.Expires, result.Expires.ToString(CultureInfo.InvariantCulture));
        }

        if (result.PatchError is { } error)
        {
            response.Headers.Add(KnownHeader.ContentType, SimpleActors.Presence.Patch.PatchErrorDocument.MediaType);
            response.Body = error;
        }

        return response;
    }
}
